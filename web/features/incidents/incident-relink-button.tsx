import { useQuery } from '@tanstack/react-query';
import { LinkIcon } from 'lucide-react';
import { lazy, Suspense, useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { accountQueries } from '../../lib/queries/accounts.ts';
import { useCan } from '../../lib/use-me.ts';

const SendRelinkLinkDialog = lazy(() =>
  import('../connect/send-relink-link-dialog.tsx').then((m) => ({ default: m.SendRelinkLinkDialog })),
);

/**
 * "Send re-link link" for the incident's account (the account page's own dialog); the server then
 * moves the incident to waiting on the customer.
 */
export function IncidentRelinkButton({ accountId }: { accountId: string }) {
  const canRelink = useCan('accounts:relink');
  const [open, setOpen] = useState(false);
  const account = useQuery({ ...accountQueries.detail(accountId), enabled: canRelink });
  if (!canRelink) return null;
  const live = account.data && account.data.account.deletedAt === null;
  return (
    <>
      <Button variant="outline" size="sm" disabled={!live} onClick={() => setOpen(true)}>
        <LinkIcon aria-hidden />
        Send re-link link
      </Button>
      {open && account.data && (
        <Suspense fallback={null}>
          <SendRelinkLinkDialog account={account.data.account} open={open} onOpenChange={setOpen} />
        </Suspense>
      )}
    </>
  );
}
