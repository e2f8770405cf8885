import type { Db } from '../db/client.ts';
import { AppError } from '../http/app-error.ts';
import type { UpstreamLinkedAccount } from '../stackone/upstream-schemas.ts';
import { BULK_ANNOUNCE_LIMIT, writeUpstreamAccounts } from '../account-state/account-writer.ts';
import type { EventBus } from '../events/event-bus.ts';

/** The `page_size` the sync asks for: StackOne's documented largest. A server may cap it lower. */
export const SYNC_PAGE_SIZE = 100;
/**
 * Pages one listing reads at most (a million accounts at 100 a page): past it the listing ends as
 * incomplete, whatever the server answers, so no server can keep the sync paging forever.
 */
export const MAX_PAGES = 10_000;

/**
 * One page of `GET /accounts` as the client answers it: the records, or (tolerant parsing) the records
 * that parsed and what was skipped, as a count or a list of the skipped records' reports.
 */
export type ListedPage =
  UpstreamLinkedAccount[] | { items: UpstreamLinkedAccount[]; skipped?: number | readonly unknown[] };

export interface AccountLister {
  listAccounts(query: { page: number; pageSize: number }): Promise<ListedPage>;
}

export interface PagingResult {
  seenIds: Set<string>;
  pages: number;
  /** Where the pages start: 0, or 1 (page 0 refused, empty, or the same page as page 1). */
  firstPage: 0 | 1;
  /** The largest page StackOne answered: the real page size when it caps `page_size` silently. */
  pageSize: number;
  /** Records the client could not read and skipped (they are not in `seenIds`). */
  skipped: number;
  /**
   * False when paging stopped because a page held only ids already seen: an upstream that ignores
   * `page`. The listing is then not known to be complete, and nothing may be marked deleted from it.
   */
  complete: boolean;
  /** The last page read: the empty one, or the one that repeated earlier pages. */
  lastPage: number;
  /** Why an incomplete listing stopped: a page of ids already seen, or MAX_PAGES read. */
  stoppedBy?: 'repeat' | 'page_cap';
}

const skippedCount = (page: ListedPage) =>
  Array.isArray(page) ? 0 : typeof page.skipped === 'number' ? page.skipped : (page.skipped?.length ?? 0);
const itemsOf = (page: ListedPage) => (Array.isArray(page) ? page : page.items);
/** Ids of skipped records, where the client could read one: such an account exists all the same. */
const skippedIdsOf = (page: ListedPage): string[] =>
  Array.isArray(page) || !Array.isArray(page.skipped)
    ? []
    : page.skipped.flatMap((s) => {
        const id = (s as { id?: unknown } | null)?.id;
        return typeof id === 'string' && id ? [id] : [];
      });

/** Calls StackOne through the sync's rate-limit wait (see rate-limit-wait.ts); identity when absent. */
export type Call = <T>(fn: () => Promise<T>) => Promise<T>;
const direct: Call = (fn) => fn();

/**
 * Pages through `GET /accounts` and upserts each page as it comes, stamped with the run's start.
 *
 * StackOne documents neither where pages start nor its largest `page_size`, and says a page "may
 * return fewer results than the requested page size". So:
 *
 * - **Where pages start.** Page 0 is read first, then page 1. A 1-based server either refuses page 0
 *   (400), answers it empty, or treats it as page 1 (the same ids: most of page 1's ids are on page 0;
 *   an account created between the two reads shifts the list by a few, so "most", not "all"). A
 *   0-based server answers two different pages. In every case the next page to read is 2, and every
 *   id read so far is kept; what the detection decides is whether page 1 repeating page 0 is the
 *   alias of a 1-based server (go on) or a server that ignores `page` (the rule below catches that on
 *   page 2 instead).
 * - **Page size.** Never used to find the end: a server that caps `page_size` at 25 without saying so
 *   answers 25 on every full page. The largest page seen is reported as the real page size.
 * - **The end** is an empty page, never a short one. A page whose records were all skipped by the
 *   client's tolerant parsing is not empty. A non-empty page holding only ids already seen is a
 *   server that ignores `page`: paging stops and the listing is marked incomplete.
 *
 * The list can move while we page, so ids are de-duplicated across pages. A failed page throws: the
 * pages before it stay upserted, which is harmless.
 */
export async function pageThroughAccounts(
  deps: {
    db: Db;
    bus?: EventBus;
    stackOne: AccountLister;
    call?: Call;
    maxPages?: number;
    signal?: AbortSignal;
  },
  syncedAt: string,
  onPage: (progress: { seen: number; pages: number; skipped: number }) => Promise<void>,
): Promise<PagingResult> {
  const call = deps.call ?? direct;
  const maxPages = deps.maxPages ?? MAX_PAGES;
  const seenIds = new Set<string>();
  let pages = 0;
  let pageSize = 0;
  let skipped = 0;

  const read = async (page: number): Promise<ListedPage> => {
    // A stop (shutdown) ends the listing before the next page: it throws, the run fails, nothing is deleted.
    if (deps.signal?.aborted) throw new AppError('upstream_unavailable', 'The sync was stopped');
    const answer = await call(() => deps.stackOne.listAccounts({ page, pageSize: SYNC_PAGE_SIZE }));
    const size = itemsOf(answer).length + skippedCount(answer);
    pageSize = Math.max(pageSize, size);
    skipped += skippedCount(answer);
    return answer;
  };

  /** Upserts a page's new ids; a page that brought some counts in `pages`. */
  const take = async (answer: ListedPage): Promise<{ items: number; fresh: number; size: number }> => {
    const items = itemsOf(answer);
    // A record that could not be read still exists: seen (so never a deletion candidate), not upserted.
    const skippedIds = skippedIdsOf(answer);
    let freshSkipped = 0;
    for (const id of skippedIds) {
      if (seenIds.has(id)) continue;
      seenIds.add(id);
      freshSkipped++;
    }
    const fresh = new Map<string, UpstreamLinkedAccount>();
    for (const a of items) if (!seenIds.has(a.id) && !fresh.has(a.id)) fresh.set(a.id, a);
    if (fresh.size > 0) {
      await writeUpstreamAccounts(deps, [...fresh.values()], { syncedAt, bulkLimit: BULK_ANNOUNCE_LIMIT });
      for (const id of fresh.keys()) seenIds.add(id);
      pages++;
      await onPage({ seen: seenIds.size, pages, skipped });
    }
    return {
      // Records whose ids are known, read or skipped: what the repeat check below can compare.
      items: items.length + skippedIds.length,
      fresh: fresh.size + freshSkipped,
      size: items.length + skippedCount(answer),
    };
  };
  const result = (
    complete: boolean,
    firstPage: 0 | 1,
    lastPage: number,
    stoppedBy?: PagingResult['stoppedBy'],
  ): PagingResult => ({
    ...(stoppedBy ? { stoppedBy } : {}),
    seenIds,
    pages,
    firstPage,
    pageSize,
    skipped,
    complete,
    lastPage,
  });

  let zero: ListedPage = [];
  try {
    zero = await read(0);
  } catch (err) {
    // A 1-based server may refuse page 0; anything else is a failure of the listing.
    if (!(err instanceof AppError && err.code === 'bad_request')) throw err;
  }
  const zeroIds = new Set(itemsOf(zero).map((a) => a.id));
  await take(zero);
  const one = await read(1);
  const oneIds = itemsOf(one).map((a) => a.id);
  const shared = oneIds.filter((id) => zeroIds.has(id)).length;
  const aliased = zeroIds.size > 0 && shared * 2 > Math.min(zeroIds.size, oneIds.length);
  const zeroHeldRecords = zeroIds.size > 0 || skippedCount(zero) > 0;
  const firstPage: 0 | 1 = zeroHeldRecords && !aliased ? 0 : 1;
  if ((await take(one)).size === 0) return result(true, firstPage, 1);

  for (let page = 2; ; page++) {
    const { items, fresh, size } = await take(await read(page));
    if (size === 0) return result(true, firstPage, page);
    // Records, and every one of them already seen (skipped ones aside): a server that ignores `page`.
    if (items > 0 && fresh === 0) return result(false, firstPage, page, 'repeat');
    if (page + 1 >= maxPages) {
      console.warn(
        `[sync] GET /accounts still had records after ${maxPages} pages: the listing stops there, incomplete`,
      );
      return result(false, firstPage, page, 'page_cap');
    }
  }
}
