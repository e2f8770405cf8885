import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { toast } from 'sonner';
import { Button } from '../../components/ui/button.tsx';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '../../components/ui/dialog.tsx';
import { Input } from '../../components/ui/input.tsx';
import { Label } from '../../components/ui/label.tsx';
import { invalidateAccount } from '../../lib/queries/accounts.ts';
import { breakSandboxAccount } from '../../lib/queries/sandbox.ts';
import { toastApiError } from '../../lib/toast-api-error.ts';
import { reasonLabel } from '../../../shared/reason-label.ts';

const CODES = {
  error: [
    'token_expired',
    'access_revoked',
    'insufficient_scopes',
    'invalid_credentials',
    'provider_unreachable',
  ],
  inactive: ['disabled_by_user'],
} as const;

const selectClass =
  'h-9 w-full rounded-md border border-input bg-background px-3 text-sm shadow-xs focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none';

/** Sandbox only: StackOne marks an account broken, as a provider would, for demos and training. */
export function BreakAccountDialog({
  open,
  onOpenChange,
  accountId,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Prefilled when opened from an account's page. */
  accountId?: string;
}) {
  const queryClient = useQueryClient();
  const ids = { account: useId(), status: useId(), code: useId() };
  const [id, setId] = useState(accountId ?? '');
  const [status, setStatus] = useState<'error' | 'inactive'>('error');
  const [code, setCode] = useState<string>(CODES.error[0]);
  const mutation = useMutation({
    mutationFn: () => breakSandboxAccount(id.trim(), { status, code }),
    onSuccess: async () => {
      toast.success('Account broken in the sandbox', { description: `${status} (${code})` });
      onOpenChange(false);
      await invalidateAccount(queryClient, id.trim());
    },
    onError: (err) => toastApiError(err, 'Could not break the account'),
  });
  return (
    <Dialog open={open} onOpenChange={(next) => !mutation.isPending && onOpenChange(next)}>
      <DialogContent>
        <form
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            if (id.trim() && !mutation.isPending) mutation.mutate();
          }}
        >
          <DialogHeader>
            <DialogTitle>Break an account</DialogTitle>
            <DialogDescription>
              The sandbox marks the account as StackOne would when its credentials fail, and tells the console
              by webhook.
            </DialogDescription>
          </DialogHeader>
          <div className="grid gap-1.5">
            <Label htmlFor={ids.account}>Account id</Label>
            <Input
              id={ids.account}
              value={id}
              onChange={(e) => setId(e.target.value)}
              autoComplete="off"
              spellCheck={false}
              required
            />
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor={ids.status}>Status</Label>
            <select
              id={ids.status}
              className={selectClass}
              value={status}
              onChange={(e) => {
                const next = e.target.value as 'error' | 'inactive';
                setStatus(next);
                setCode(CODES[next][0]);
              }}
            >
              <option value="error">Error</option>
              <option value="inactive">Inactive</option>
            </select>
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor={ids.code}>Reason</Label>
            <select
              id={ids.code}
              className={selectClass}
              value={code}
              onChange={(e) => setCode(e.target.value)}
            >
              {CODES[status].map((c) => (
                <option key={c} value={c}>
                  {reasonLabel(c)}
                </option>
              ))}
            </select>
          </div>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={!id.trim() || mutation.isPending}>
              {mutation.isPending ? 'Breaking…' : 'Break account'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
