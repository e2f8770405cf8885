import type { QueryClient } from '@tanstack/react-query';
import type { LinkChangedEvent, LinkJobProgressEvent } from '../../../shared/schemas/events.ts';
import { accountKeys } from '../queries/accounts.ts';
import { linkKeys } from '../queries/links.ts';

/** A ledger change: the ledger lists refetch, and so does the account's page (its timeline shows links). */
export function handleLinkEvent(queryClient: QueryClient, event: LinkChangedEvent | LinkJobProgressEvent) {
  void queryClient.invalidateQueries({ queryKey: linkKeys.lists() });
  if (event.type === 'links.job') {
    void queryClient.invalidateQueries({ queryKey: linkKeys.job(event.jobId) });
    return;
  }
  if (event.accountId) void queryClient.invalidateQueries({ queryKey: accountKeys.detail(event.accountId) });
}
