import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { accounts } from '../db/schema.ts';
import type { UpstreamLinkedAccount } from '../stackone/upstream-schemas.ts';
import { rowFromUpstream } from './account-row.ts';

/**
 * Upserts StackOne accounts into the index and clears `deleted_at` (an account seen again is live).
 * `syncedAt` is set by the full sync, `lastEventAt` by webhooks; each keeps the other's value. An
 * account whose values are unchanged is not written again (see upsertChunk).
 * Resolves with the ids of the accounts the database refused (logged and skipped).
 */
export async function upsertAccounts(
  db: Db,
  upstream: readonly UpstreamLinkedAccount[],
  stamp: { syncedAt?: string; lastEventAt?: string },
): Promise<string[]> {
  const skipped: string[] = [];
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

/** Rows per statement: the whole chunk travels as one JSON parameter, so this only bounds its size. */
const UPSERT_CHUNK = 2000;

/** The columns that hold StackOne's account: a row whose values all match is left as it is. */
const DATA_COLUMNS = [
  'provider',
  'provider_name',
  'status',
  'status_reasons',
  'origin_owner_id',
  'origin_owner_name',
  'origin_username',
  'label',
  'type',
  'created_at',
  'updated_at',
  'search_text',
] as const;

const RECORD_TYPES = sql.raw(
  `id text, provider text, provider_name text, status text, status_reasons jsonb, origin_owner_id text,
   origin_owner_name text, origin_username text, label text, type text, created_at timestamptz,
   updated_at timestamptz, search_text text, synced_at timestamptz, last_event_at timestamptz`,
);
const INSERT_COLUMNS = sql.raw(['id', ...DATA_COLUMNS, 'synced_at', 'last_event_at'].join(', '));
/**
 * SQL true when row `next` is an older read of StackOne's account than row `current` (its `updated_at`
 * is earlier). Unknown (null) on either side is not older: there is nothing to compare, so it is written.
 */
const olderRead = (current: string, next: string) =>
  `coalesce(${next}.updated_at < ${current}.updated_at, false)`;
/**
 * The StackOne values of the incoming row, unless it is an older read than the stored one (two
 * processes, or a webhook lane and a user's live read, can finish their reads in either order): then
 * the stored values, newer, stay (a deletion too).
 */
const SET_DATA = sql.raw(
  [
    ...DATA_COLUMNS.map(
      (c) => `${c} = case when ${olderRead('a', 'excluded')} then a.${c} else excluded.${c} end`,
    ),
    `deleted_at = case when ${olderRead('a', 'excluded')} then a.deleted_at else null end`,
  ].join(', '),
);
/** SQL true when row `next` holds other StackOne values than row `current`, or `current` is deleted. */
const dataChanged = (current: string, next: string) =>
  sql.raw(
    `(${DATA_COLUMNS.map((c) => `${current}.${c}`).join(', ')}, ${current}.deleted_at) is distinct from ` +
      `(${DATA_COLUMNS.map((c) => `${next}.${c}`).join(', ')}, null::timestamptz)`,
  );

/**
 * One statement per chunk, its rows as a single JSON parameter (`json_to_recordset`) rather than 16
 * bound parameters per row (a statement of up to 32,000 placeholders to build and parse). A row whose StackOne values are unchanged is
 * not rewritten (a full sync of an unchanged index writes nothing, so Postgres's table does not
 * bloat with a dead version of every row per run); so `synced_at` is the start of the last sync that
 * changed the row, or that first saw it. A webhook's stamp (`lastEventAt`) is always written: it
 * records that an event arrived, and keeps the row from being marked vanished by a sync in progress.
 * A read older than the stored row (an earlier StackOne `updated_at`) never replaces its values.
 */
async function upsertChunk(
  db: Db,
  upstream: readonly UpstreamLinkedAccount[],
  stamp: { syncedAt?: string; lastEventAt?: string },
): Promise<void> {
  const rows = upstream.map((a) => {
    const row = rowFromUpstream(a);
    return {
      id: row.id,
      provider: row.provider,
      provider_name: row.providerName,
      status: row.status,
      status_reasons: row.statusReasons,
      origin_owner_id: row.originOwnerId,
      origin_owner_name: row.originOwnerName,
      origin_username: row.originUsername,
      label: row.label,
      type: row.type,
      created_at: row.createdAt,
      updated_at: row.updatedAt,
      search_text: row.searchText,
      synced_at: stamp.syncedAt ?? null,
      last_event_at: stamp.lastEventAt ?? null,
    };
  });
  // Unchanged rows are left out before the insert, not only by its conflict clause: that clause still
  // locks each row it skips, which writes the row's page (and WAL) all the same. The clause stays for a
  // row another writer changes meanwhile. Rows are written, so locked, in id order by every writer:
  // a sync page and a webhook batch holding the same accounts wait for each other, never deadlock.
  // An older read than the stored one changes nothing (see SET_DATA); a sync still stamps a row it
  // sees first.
  const changed = (current: string, next: string) => {
    const newer = sql`(${dataChanged(current, next)} and not ${sql.raw(olderRead(current, next))})`;
    return stamp.syncedAt ? sql`(${newer} or ${sql.raw(current)}.synced_at is null)` : newer;
  };
  const onlyChanged = stamp.lastEventAt
    ? sql``
    : sql`left join "accounts" cur on cur.id = r.id where cur.id is null or ${changed('cur', 'r')}`;
  const conflictChanged = stamp.lastEventAt ? sql`` : sql`where ${changed('a', 'excluded')}`;
  await db.execute(sql`
    insert into "accounts" as a (${INSERT_COLUMNS})
    select r.id, ${sql.raw(DATA_COLUMNS.map((c) => `r.${c}`).join(', '))}, r.synced_at, r.last_event_at
    from json_to_recordset(${JSON.stringify(rows)}::json) as r(${RECORD_TYPES})
    ${onlyChanged}
    order by r.id
    on conflict (id) do update set ${SET_DATA},
      synced_at = coalesce(excluded.synced_at, a.synced_at),
      last_event_at = coalesce(excluded.last_event_at, a.last_event_at)
    ${conflictChanged}`);
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
