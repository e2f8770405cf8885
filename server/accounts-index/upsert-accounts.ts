import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { accounts } from '../db/schema.ts';
import type { UpstreamLinkedAccount } from '../stackone/upstream-schemas.ts';
import { rowFromUpstream } from './account-row.ts';

/**
 * Upserts StackOne accounts into the index and clears `deleted_at` (an account seen again is live).
 * `syncedAt` is set by the full sync, `lastEventAt` by webhooks; each keeps the other's value.
 * Resolves with the ids of the accounts the database refused (logged and skipped).
 */
export async function upsertAccounts(
  db: Db,
  upstream: readonly UpstreamLinkedAccount[],
  stamp: { syncedAt?: string; lastEventAt?: string },
): Promise<string[]> {
  const skipped: string[] = [];
  // Postgres binds at most 65,535 parameters per statement: 16 columns × 2,000 rows stays below.
  for (let i = 0; i < upstream.length; i += UPSERT_CHUNK) {
    const chunk = upstream.slice(i, i + UPSERT_CHUNK);
    try {
      await upsertChunk(db, chunk, stamp);
    } catch (err) {
      const refused = await upsertOneByOne(db, chunk, stamp);
      // Every record refused is not a bad record but a database that refuses them all: a failure.
      if (chunk.length > 1 && refused.length === chunk.length) throw err;
      skipped.push(...refused);
    }
  }
  return skipped;
}

/**
 * One record the database refuses must not stop the others (a whole sync page, a webhook batch): each
 * is written alone, and one that still fails is logged and skipped, as long as the database answers.
 */
async function upsertOneByOne(
  db: Db,
  upstream: readonly UpstreamLinkedAccount[],
  stamp: { syncedAt?: string; lastEventAt?: string },
): Promise<string[]> {
  const skipped: string[] = [];
  for (const account of upstream) {
    try {
      await upsertChunk(db, [account], stamp);
    } catch (err) {
      // A database that does not answer is not a bad record: the caller must see that failure.
      await db.execute(sql`select 1`).catch(() => Promise.reject(err));
      console.error(`[index] account ${account.id} could not be written, skipped:`, err);
      skipped.push(account.id);
    }
  }
  return skipped;
}

const UPSERT_CHUNK = 2000;

async function upsertChunk(
  db: Db,
  upstream: readonly UpstreamLinkedAccount[],
  stamp: { syncedAt?: string; lastEventAt?: string },
): Promise<void> {
  const rows = upstream.map((a) => ({
    ...rowFromUpstream(a),
    syncedAt: stamp.syncedAt ?? null,
    lastEventAt: stamp.lastEventAt ?? null,
  }));
  await db
    .insert(accounts)
    .values(rows)
    .onConflictDoUpdate({
      target: accounts.id,
      set: {
        provider: sql`excluded.provider`,
        providerName: sql`excluded.provider_name`,
        status: sql`excluded.status`,
        statusReasons: sql`excluded.status_reasons`,
        originOwnerId: sql`excluded.origin_owner_id`,
        originOwnerName: sql`excluded.origin_owner_name`,
        originUsername: sql`excluded.origin_username`,
        label: sql`excluded.label`,
        type: sql`excluded.type`,
        createdAt: sql`excluded.created_at`,
        updatedAt: sql`excluded.updated_at`,
        deletedAt: sql`null`,
        searchText: sql`excluded.search_text`,
        syncedAt: stamp.syncedAt ? sql`excluded.synced_at` : sql`${accounts.syncedAt}`,
        lastEventAt: stamp.lastEventAt ? sql`excluded.last_event_at` : sql`${accounts.lastEventAt}`,
      },
    });
}

/** Marks one account deleted (kept for the timeline and the audit log). */
export async function markAccountDeleted(db: Db, id: string, at: string): Promise<boolean> {
  const result = await db
    .update(accounts)
    .set({ deletedAt: at, lastEventAt: at })
    .where(sql`${accounts.id} = ${id} and ${accounts.deletedAt} is null`)
    .returning({ id: accounts.id });
  return result.length > 0;
}
