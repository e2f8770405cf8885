import { and, inArray, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { accounts } from '../db/schema.ts';
import { AppError } from '../http/app-error.ts';
import type { StackOneClient } from '../stackone/stackone-client.ts';
import type { UpstreamLinkedAccount } from '../stackone/upstream-schemas.ts';

/**
 * Up to this many vanished accounts are confirmed one by one with `GET /accounts/{id}` before being
 * marked deleted: a deletion upstream while we page shifts the list, so an account that still exists
 * can fall between two pages. More than this is a mass deletion, and the listing is trusted.
 */
export const CONFIRM_LIMIT = 25;
const CONFIRM_CONCURRENCY = 5;
const UPDATE_CHUNK = 1000;

/** Ids of live (not deleted) index rows that a completed listing did not contain. */
export async function vanishedIds(db: Db, seen: ReadonlySet<string>): Promise<string[]> {
  const live = await db.select({ id: accounts.id }).from(accounts).where(isNull(accounts.deletedAt));
  return live.map((r) => r.id).filter((id) => !seen.has(id));
}

/**
 * Splits candidates into those StackOne confirms gone (404) and those it still has. Any other answer
 * leaves the account alone until the next run.
 */
export async function confirmVanished(
  stackOne: Pick<StackOneClient, 'getAccount'>,
  candidates: readonly string[],
): Promise<{ gone: string[]; found: UpstreamLinkedAccount[] }> {
  if (candidates.length > CONFIRM_LIMIT) return { gone: [...candidates], found: [] };
  const gone: string[] = [];
  const found: UpstreamLinkedAccount[] = [];
  const queue = [...candidates];
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      try {
        found.push(await stackOne.getAccount(id));
      } catch (err) {
        if (err instanceof AppError && err.code === 'not_found') gone.push(id);
      }
    }
  };
  await Promise.all(Array.from({ length: CONFIRM_CONCURRENCY }, worker));
  return { gone, found };
}

/**
 * Marks the accounts deleted, except a row that changed after the run started (a webhook or a live
 * read brought it in while we were paging): the listing is older than that row. Returns the ids marked.
 */
export async function markVanished(
  db: Db,
  ids: readonly string[],
  runStartedAt: string,
  at: string,
): Promise<string[]> {
  const marked: string[] = [];
  for (let i = 0; i < ids.length; i += UPDATE_CHUNK) {
    const rows = await db
      .update(accounts)
      .set({ deletedAt: at, lastEventAt: at })
      .where(
        and(
          inArray(accounts.id, ids.slice(i, i + UPDATE_CHUNK)),
          isNull(accounts.deletedAt),
          lt(accounts.createdAt, runStartedAt),
          or(isNull(accounts.lastEventAt), lt(accounts.lastEventAt, runStartedAt)),
        ),
      )
      .returning({ id: accounts.id });
    marked.push(...rows.map((r) => r.id));
  }
  return marked;
}
