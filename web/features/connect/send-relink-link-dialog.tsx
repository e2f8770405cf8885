import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AlertCircleIcon, CopyIcon } from 'lucide-react';
import { useId, useState } from 'react';
import { toast } from 'sonner';
import type { AccountDialogProps } from '../../components/dialogs/dialog-props.ts';
import { Alert, AlertDescription, AlertTitle } from '../../components/ui/alert.tsx';
import { Button } from '../../components/ui/button.tsx';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '../../components/ui/dialog.tsx';
import { FormField } from '../../components/ui/form-field.tsx';
import { Input } from '../../components/ui/input.tsx';
import { describeUpstream, toApiError } from '../../lib/api-error.ts';
import { accountKeys } from '../../lib/queries/accounts.ts';
import { createAccountConnectSession } from '../../lib/queries/connect-sessions.ts';
import { linkKeys } from '../../lib/queries/links.ts';
import { LastLinkNotice } from '../links/last-link-notice.tsx';
import { useNow } from '../../lib/use-now.ts';
import { ExpiryRadioGroup } from './expiry-radio-group.tsx';
import { DEFAULT_RELINK_EXPIRY, formatLinkExpiry } from './relink-expiry.ts';

function LinkExpiry({ expiresAt }: { expiresAt: string }) {
  const now = useNow();
  return <p className="text-sm text-muted-foreground">{formatLinkExpiry(expiresAt, now)}</p>;
}

/** A hosted auth link the customer opens to re-connect this account; the server audits its creation. */
export function SendRelinkLinkDialog({ account, open, onOpenChange }: AccountDialogProps) {
  const [expiresIn, setExpiresIn] = useState(DEFAULT_RELINK_EXPIRY);
  const queryClient = useQueryClient();
  const link = useMutation({
    mutationFn: (seconds: number) =>
      createAccountConnectSession(account.id, { purpose: 'auth_link', expiresIn: seconds }),
    // The account's timeline now holds the audit entry for this link, and the ledger the link.
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: accountKeys.detail(account.id) });
      void queryClient.invalidateQueries({ queryKey: linkKeys.all });
    },
  });

  const copy = async (url: string) => {
    try {
      await navigator.clipboard.writeText(url);
      toast.success('Link copied', { description: 'Send it to the customer.' });
    } catch {
      toast.error('Could not copy to the clipboard', { description: 'Select the link and copy it by hand.' });
    }
  };

  const formId = useId();
  const created = link.data;
  // The console's short link (tracked in the ledger); StackOne's own only if the server gave none.
  const url = created ? (created.link?.url ?? created.authLinkUrl) : '';
  const provider = account.providerName ?? account.provider;
  const error = link.error ? toApiError(link.error) : null;
  const upstream = error ? describeUpstream(error.upstream) : null;
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Send re-link link</DialogTitle>
          <DialogDescription>
            {account.originOwnerName} opens this link to connect {provider} again. Anyone who has it can
            re-link the account until it expires.
          </DialogDescription>
        </DialogHeader>
        {created ? (
          <div className="grid gap-3">
            <FormField label="Re-link link">
              <Input readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
            </FormField>
            <div className="flex flex-wrap items-center justify-between gap-2">
              <LinkExpiry expiresAt={created.expiresAt} />
              <Button size="sm" onClick={() => void copy(url)}>
                <CopyIcon aria-hidden />
                Copy link
              </Button>
            </div>
          </div>
        ) : (
          <form
            id={formId}
            className="grid gap-4"
            onSubmit={(e) => {
              e.preventDefault();
              link.mutate(expiresIn);
            }}
          >
            <LastLinkNotice accountId={account.id} />
            <ExpiryRadioGroup value={expiresIn} onChange={setExpiresIn} disabled={link.isPending} />
            {error && (
              <Alert variant="destructive" role="alert">
                <AlertCircleIcon aria-hidden />
                <AlertTitle>Could not create the link</AlertTitle>
                <AlertDescription>
                  <p>{error.message}</p>
                  {upstream && <p className="font-mono text-xs">{upstream}</p>}
                </AlertDescription>
              </Alert>
            )}
          </form>
        )}
        <DialogFooter>
          {created ? (
            <Button variant="outline" onClick={() => onOpenChange(false)}>
              Done
            </Button>
          ) : (
            <>
              <Button variant="outline" onClick={() => onOpenChange(false)}>
                Cancel
              </Button>
              <Button type="submit" form={formId} disabled={link.isPending}>
                {link.isPending ? 'Creating link…' : 'Create link'}
              </Button>
            </>
          )}
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
