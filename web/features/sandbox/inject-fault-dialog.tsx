import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { toast } from 'sonner';
import { FAULT_PATHS, type InjectFaultRequest } from '../../../shared/schemas/sandbox-demo.ts';
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
import { injectSandboxFault } from '../../lib/queries/sandbox.ts';
import { toastApiError } from '../../lib/toast-api-error.ts';

const STATUSES = [
  { value: 503, label: '503 — StackOne unavailable' },
  { value: 500, label: '500 — StackOne error' },
  { value: 502, label: '502 — bad gateway' },
  { value: 429, label: '429 — rate limited' },
] as const;

const selectClass =
  'h-9 w-full rounded-md border border-input bg-background px-3 text-sm shadow-xs focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none';

/** Sandbox only: the next StackOne calls fail, to show how the console copes (stale copy, messages). */
export function InjectFaultDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const ids = { status: useId(), path: useId(), times: useId() };
  const [status, setStatus] = useState<InjectFaultRequest['status']>(503);
  const [path, setPath] = useState<string>('');
  const [times, setTimes] = useState(5);
  const mutation = useMutation({
    mutationFn: () =>
      injectSandboxFault({
        status,
        times,
        ...(path ? { path: path as (typeof FAULT_PATHS)[number] } : {}),
      }),
    onSuccess: () => {
      toast.success('Fault injected', { description: `The next ${times} StackOne calls answer ${status}` });
      onOpenChange(false);
    },
    onError: (err) => toastApiError(err, 'Could not inject the fault'),
  });
  return (
    <Dialog open={open} onOpenChange={(next) => !mutation.isPending && onOpenChange(next)}>
      <DialogContent>
        <form
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            if (!mutation.isPending) mutation.mutate();
          }}
        >
          <DialogHeader>
            <DialogTitle>Inject a fault</DialogTitle>
            <DialogDescription>The sandbox answers the next StackOne calls with an error.</DialogDescription>
          </DialogHeader>
          <div className="grid gap-1.5">
            <Label htmlFor={ids.status}>Answer</Label>
            <select
              id={ids.status}
              className={selectClass}
              value={status}
              onChange={(e) => setStatus(Number(e.target.value) as InjectFaultRequest['status'])}
            >
              {STATUSES.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor={ids.path}>Calls to</Label>
            <select
              id={ids.path}
              className={selectClass}
              value={path}
              onChange={(e) => setPath(e.target.value)}
            >
              <option value="">Any StackOne path</option>
              {FAULT_PATHS.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor={ids.times}>How many calls</Label>
            <Input
              id={ids.times}
              type="number"
              min={1}
              max={100}
              value={times}
              onChange={(e) => setTimes(Math.max(1, Math.min(100, Number(e.target.value) || 1)))}
            />
          </div>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={mutation.isPending}>
              {mutation.isPending ? 'Injecting…' : 'Inject fault'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
