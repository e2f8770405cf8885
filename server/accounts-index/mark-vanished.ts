import { and, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { accounts } from '../db/schema.ts';
import { AppError } from '../http/app-error.ts';
import type { StackOneClient } from '../stackone/stackone-client.ts';
import type { UpstreamLinkedAccount } from '../stackone/upstream-schemas.ts';
import type { IncidentTransition } from '../account-state/incident-transitions.ts';
import { markDeletedRows, type DeletedRow } from './upsert-accounts.ts';

/**
 * At most this many accounts missing from a listing are checked with `GET /accounts/{id}` in one run;
 * the rest are kept as they are (and counted `unconfirmed`) until a later run checks them. A listing
 * is never trusted for a deletion: a server whose paging we misread would otherwise delete live rows.
 */
export const CONFIRM_CAP = 500;
const CONFIRM_CONCURRENCY = 5;
const UPDATE_CHUNK = 1000;

/**
 * Ids of live (not deleted) index rows that a listing did not contain, and the live count. Never
 * checked first, then the longest since their last check (`missing_checked_at`, written for each
 * account checked whatever the answer): a run over the cap leaves the next run the others.
 */
export async function vanishedIds(
  db: Db,
  seen: ReadonlySet<string>,
): Promise<{ missing: string[]; live: number }> {
  const live = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(isNull(accounts.deletedAt))
    .orderBy(sql`${accounts.missingCheckedAt} asc nulls first`, accounts.id);
  return { missing: live.map((r) => r.id).filter((id) => !seen.has(id)), live: live.length };
}

export interface Confirmation {
  /** StackOne answered 404: gone. */
  gone: string[];
  /** StackOne still has these: kept, and upserted as it answered. */
  found: UpstreamLinkedAccount[];
  /** Any other answer (an error): kept as they are, reported. */
  failed: { id: string; error: string }[];
  /** Over the cap, not asked about: kept as they are. */
  unconfirmed: string[];
}

/**
 * Asks StackOne about each candidate, CONFIRM_CONCURRENCY at a time, up to `cap` of them; only a
 * 404 confirms a deletion, any other answer keeps the account. `call` wraps each request (the sync's
 * rate-limit wait). An error `stopAsking` picks (a rate limit the sync will not wait out) ends the
 * checks: the accounts not yet asked about are kept as unconfirmed rather than spend more of the quota.
 */
export async function confirmVanished(
  stackOne: Pick<StackOneClient, 'getAccount'>,
  candidates: readonly string[],
  options: {
    cap?: number;
    call?: <T>(fn: () => Promise<T>) => Promise<T>;
    stopAsking?: (err: unknown) => boolean;
    /** Checked before each account: once true, the rest are not asked about (unconfirmed). */
    aborted?: () => boolean;
  } = {},
): Promise<Confirmation> {
  const cap = options.cap ?? CONFIRM_CAP;
  const call = options.call ?? ((fn) => fn());
  const result: Confirmation = { gone: [], found: [], failed: [], unconfirmed: candidates.slice(cap) };
  const queue = candidates.slice(0, cap);
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      if (options.aborted?.()) {
        result.unconfirmed.push(id, ...queue.splice(0));
        return;
      }
      try {
        result.found.push(await call(() => stackOne.getAccount(id)));
      } catch (err) {
        if (err instanceof AppError && err.code === 'not_found') {
          result.gone.push(id);
          continue;
        }
        result.failed.push({ id, error: err instanceof Error ? err.message : String(err) });
        if (options.stopAsking?.(err)) result.unconfirmed.push(...queue.splice(0));
      }
    }
  };
  await Promise.all(Array.from({ length: CONFIRM_CONCURRENCY }, worker));
  return result;
}

/** Notes that the sync asked StackOne about these accounts at `at` (see vanishedIds' order). */
export async function noteChecked(db: Db, ids: readonly string[], at: string): Promise<void> {
  for (let i = 0; i < ids.length; i += UPDATE_CHUNK) {
    await db
      .update(accounts)
      .set({ missingCheckedAt: at })
      .where(inArray(accounts.id, ids.slice(i, i + UPDATE_CHUNK)));
  }
}

/**
 * Marks the accounts deleted, except a row that changed after the run started (a webhook or a live
 * read brought it in while we were paging): the listing is older than that row. Returns the rows
 * marked (history recorded, incidents resolved: see markDeletedRows).
 */
export async function markVanished(
  db: Db,
  ids: readonly string[],
  runStartedAt: string,
  at: string,
): Promise<{ deleted: DeletedRow[]; incidents: IncidentTransition[] }> {
  const outcome: { deleted: DeletedRow[]; incidents: IncidentTransition[] } = { deleted: [], incidents: [] };
  for (let i = 0; i < ids.length; i += UPDATE_CHUNK) {
    // Rows are locked in id order, as every other writer of several accounts locks them: writers
    // that overlap then wait for each other instead of deadlocking (Postgres).
    const inOrder = db
      .select({ id: accounts.id })
      .from(accounts)
      .where(
        and(
          inArray(accounts.id, ids.slice(i, i + UPDATE_CHUNK)),
          isNull(accounts.deletedAt),
          lt(accounts.createdAt, runStartedAt),
          or(isNull(accounts.lastEventAt), lt(accounts.lastEventAt, runStartedAt)),
        ),
      )
      .orderBy(accounts.id)
      .for('update');
    const part = await markDeletedRows(
      db,
      sql`${inOrder}`,
      sql`and (last_event_at is null or last_event_at < ${runStartedAt}::timestamptz)`,
      at,
      'sync',
    );
    outcome.deleted.push(...part.deleted);
    outcome.incidents.push(...part.incidents);
  }
  return outcome;
}
