import type { Db } from '../db/client.ts';
import type { StackOneClient } from '../stackone/stackone-client.ts';
import type { UpstreamLinkedAccount } from '../stackone/upstream-schemas.ts';
import { upsertAccounts } from './upsert-accounts.ts';

/** StackOne's largest `page_size` for `GET /accounts`. */
export const SYNC_PAGE_SIZE = 100;

export interface PagingResult {
  seenIds: Set<string>;
  pages: number;
  /**
   * False when paging stopped because a page held only ids already seen: an upstream that ignores
   * `page`. The listing is then not known to be complete, and nothing may be marked deleted from it.
   */
  complete: boolean;
}

/**
 * Pages through `GET /accounts` (1-based pages) and upserts each page as it comes, stamped with the
 * run's start. The list can move while we page, so ids are de-duplicated across pages. A failed page
 * throws: the pages before it stay upserted, which is harmless.
 */
export async function pageThroughAccounts(
  deps: { db: Db; stackOne: Pick<StackOneClient, 'listAccounts'> },
  syncedAt: string,
  onPage: (progress: { seen: number; pages: number }) => Promise<void>,
): Promise<PagingResult> {
  const seenIds = new Set<string>();
  let pages = 0;
  for (let page = 1; ; page++) {
    const { items, skipped } = await deps.stackOne.listAccounts({ page, pageSize: SYNC_PAGE_SIZE });
    // A record StackOne sent that could not be read still exists: never a reason to mark it deleted.
    for (const s of skipped) if (s.id !== undefined) seenIds.add(s.id);
    const fresh = new Map<string, UpstreamLinkedAccount>();
    for (const a of items) if (!seenIds.has(a.id) && !fresh.has(a.id)) fresh.set(a.id, a);
    if (items.length > 0 && fresh.size === 0) return { seenIds, pages, complete: false };
    if (fresh.size > 0) {
      await upsertAccounts(deps.db, [...fresh.values()], { syncedAt });
      for (const id of fresh.keys()) seenIds.add(id);
      pages++;
      await onPage({ seen: seenIds.size, pages });
    }
    if (items.length + skipped.length < SYNC_PAGE_SIZE) return { seenIds, pages, complete: true };
  }
}
