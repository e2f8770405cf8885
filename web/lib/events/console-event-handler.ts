import type { QueryClient } from '@tanstack/react-query';
import type { AccountListResponse } from '../../../shared/schemas/account-filters.ts';
import type { AccountDetail } from '../../../shared/schemas/account-detail.ts';
import type { ConsoleEvent } from '../../../shared/schemas/events.ts';
import { accountKeys } from '../queries/accounts.ts';
import { incidentKeys } from '../queries/incidents.ts';
import { linkKeys } from '../queries/links.ts';
import { handleLinkEvent } from './link-events.ts';
import { markRecentlyChanged } from './recent-changes.ts';
import { setSyncProgress } from './sync-progress.ts';

/** A sync touches many accounts in a burst; list refetches are coalesced over this window. */
export const LIST_REFRESH_DELAY_MS = 300;

/**
 * Applies live events to the query cache: the changed row's status is patched at once, then only
 * that account's detail and the account lists (the one on screen refetches) are invalidated.
 */
export function createConsoleEventHandler(queryClient: QueryClient) {
  let listTimer: ReturnType<typeof setTimeout> | undefined;
  const refreshLists = () => {
    if (listTimer) return;
    listTimer = setTimeout(() => {
      listTimer = undefined;
      void queryClient.invalidateQueries({ queryKey: accountKeys.lists() });
    }, LIST_REFRESH_DELAY_MS);
  };

  function handle(event: ConsoleEvent): void {
    if (event.type === 'sync.progress') {
      setSyncProgress(event);
      // The list carries `syncedAt`, and the index just changed under it.
      if (event.state !== 'running') refreshLists();
      return;
    }
    if (event.type === 'incident.changed') {
      // The queue, the incident and the account page showing its open incident.
      void queryClient.invalidateQueries({ queryKey: incidentKeys.all });
      void queryClient.invalidateQueries({ queryKey: accountKeys.detail(event.accountId) });
      return;
    }
    if (event.type === 'link.changed' || event.type === 'links.job')
      return handleLinkEvent(queryClient, event);
    const { accountId, status, change } = event;
    if (status !== null && change !== 'deleted') {
      queryClient.setQueriesData<AccountListResponse>({ queryKey: accountKeys.lists() }, (page) =>
        page && page.items.some((a) => a.id === accountId)
          ? { ...page, items: page.items.map((a) => (a.id === accountId ? { ...a, status } : a)) }
          : page,
      );
      queryClient.setQueryData<AccountDetail>(accountKeys.detail(accountId), (detail) =>
        detail ? { ...detail, account: { ...detail.account, status } } : detail,
      );
    }
    markRecentlyChanged(accountId);
    void queryClient.invalidateQueries({ queryKey: accountKeys.detail(accountId) });
    refreshLists();
  }

  /** After a reconnect events may have been missed: everything about accounts is refetched. */
  function resync(): void {
    void queryClient.invalidateQueries({ queryKey: accountKeys.all });
    void queryClient.invalidateQueries({ queryKey: incidentKeys.all });
    void queryClient.invalidateQueries({ queryKey: linkKeys.all });
  }

  function dispose(): void {
    if (listTimer) clearTimeout(listTimer);
    listTimer = undefined;
  }

  return { handle, resync, dispose };
}
