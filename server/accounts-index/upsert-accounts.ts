import { sql } from 'drizzle-orm';
import {
  noteBreaksSeen,
  reconcileIncidents,
  recordDeletions,
  type IncidentTransition,
} from '../account-state/incident-transitions.ts';
import type { Db } from '../db/client.ts';
import type { UpstreamLinkedAccount } from '../stackone/upstream-schemas.ts';
import { rowFromUpstream } from './account-row.ts';

/** What observed an account's state (`account_status_history.source`). */
export type WriteSource = 'sync' | 'webhook' | 'detail' | 'mutation';

export interface UpsertStamp {
  syncedAt?: string;
  lastEventAt?: string;
  /** Defaults to `sync` with syncedAt, `webhook` with lastEventAt, else `detail`. */
  source?: WriteSource;
}

/** A row the upsert wrote (a row left as it was is not in it). */
export interface WrittenRow {
  id: string;
  status: string;
  /** Its status before ('deleted' for a deleted row), null when it was first seen. */
  fromStatus: string | null;
  inserted: boolean;
}

export interface UpsertOutcome {
  /** Ids the database refused (logged and skipped). */
  skipped: string[];
  written: WrittenRow[];
  incidents: IncidentTransition[];
}

const sourceOf = (stamp: UpsertStamp): WriteSource =>
  stamp.source ?? (stamp.syncedAt ? 'sync' : stamp.lastEventAt ? 'webhook' : 'detail');

/**
 * Upserts StackOne accounts into the index and clears `deleted_at` (an account seen again is live).
 * `syncedAt` is set by the full sync, `lastEventAt` by webhooks; each keeps the other's value. An
 * account whose values are unchanged is not written again (see upsertChunk). In the same transaction
 * a status change is recorded in `account_status_history` and the incidents follow (reconcileIncidents).
 * Only the account writer (server/account-state/account-writer.ts) calls this.
 */
export async function upsertAccounts(
  db: Db,
  upstream: readonly UpstreamLinkedAccount[],
  stamp: UpsertStamp,
): Promise<UpsertOutcome> {
  const outcome: UpsertOutcome = { skipped: [], written: [], incidents: [] };
  const add = (part: Omit<UpsertOutcome, 'skipped'>) => {
    outcome.written.push(...part.written);
    outcome.incidents.push(...part.incidents);
  };
  for (let i = 0; i < upstream.length; i += UPSERT_CHUNK) {
    const chunk = upstream.slice(i, i + UPSERT_CHUNK);
    try {
      add(await upsertChunk(db, chunk, stamp));
    } catch (err) {
      const refused = await upsertOneByOne(db, chunk, stamp, add);
      // Every record refused is not a bad record but a database that refuses them all: a failure.
      if (chunk.length > 1 && refused.length === chunk.length) throw err;
      outcome.skipped.push(...refused);
    }
  }
  return outcome;
}

/**
 * One record the database refuses must not stop the others (a whole sync page, a webhook batch): each
 * is written alone, and one that still fails is logged and skipped, as long as the database answers.
 */
async function upsertOneByOne(
  db: Db,
  upstream: readonly UpstreamLinkedAccount[],
  stamp: UpsertStamp,
  add: (part: Omit<UpsertOutcome, 'skipped'>) => void,
): Promise<string[]> {
  const skipped: string[] = [];
  for (const account of upstream) {
    try {
      add(await upsertChunk(db, [account], stamp));
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
  stamp: UpsertStamp,
): Promise<Omit<UpsertOutcome, 'skipped'>> {
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
  const at = new Date().toISOString();
  const source = sourceOf(stamp);
  // `prev` reads the rows as they were before this statement (one snapshot for every part of it): the
  // status each written row had, for its history row.
  return db.transaction(async (tx) => {
    const result = await tx.execute(sql`
      with r as (
        select * from json_to_recordset(${JSON.stringify(rows)}::json) as r(${RECORD_TYPES})
      ), prev as (
        select p.id, case when p.deleted_at is null then p.status else 'deleted' end as status
        from "accounts" p join r on r.id = p.id
      ), up as (
        insert into "accounts" as a (${INSERT_COLUMNS})
        select r.id, ${sql.raw(DATA_COLUMNS.map((c) => `r.${c}`).join(', '))}, r.synced_at, r.last_event_at
        from r
        ${onlyChanged}
        order by r.id
        on conflict (id) do update set ${SET_DATA},
          synced_at = coalesce(excluded.synced_at, a.synced_at),
          last_event_at = coalesce(excluded.last_event_at, a.last_event_at)
        ${conflictChanged}
        returning a.id, a.provider, a.status, a.status_reasons, a.deleted_at, (a.xmax = 0) as inserted
      ), history as (
        insert into account_status_history (account_id, provider, from_status, to_status, status_reasons, observed_at, source)
        select up.id, up.provider, prev.status, up.status, up.status_reasons, ${at}::timestamptz, ${source}
        from up left join prev on prev.id = up.id
        where up.deleted_at is null and prev.status is distinct from up.status
      )
      select up.id, up.status, prev.status as from_status, up.inserted
      from up left join prev on prev.id = up.id`);
    const written = (
      result as unknown as {
        rows: { id: string; status: string; from_status: string | null; inserted: boolean }[];
      }
    ).rows.map((w) => ({ id: w.id, status: w.status, fromStatus: w.from_status, inserted: w.inserted }));
    const incidents = await reconcileIncidents(tx, written, at);
    await noteBreaksSeen(
      tx,
      rows.map((r) => ({ id: r.id, status: r.status })),
      at,
    );
    return { written, incidents };
  });
}

/** A row marked deleted, with the status it had. */
export interface DeletedRow {
  id: string;
  provider: string;
  status: string;
}

/**
 * Marks accounts deleted (kept for the timeline and the audit log) with their history rows and
 * incidents, in one transaction. `lockedIds` (a subquery) names the rows to mark, locked in id order;
 * rows already deleted are left. Resolves with the rows marked and the incidents resolved.
 */
export async function markDeletedRows(
  db: Db,
  lockedIds: ReturnType<typeof sql>,
  extraGuard: ReturnType<typeof sql>,
  at: string,
  source: WriteSource,
): Promise<{ deleted: DeletedRow[]; incidents: IncidentTransition[] }> {
  return db.transaction(async (tx) => {
    const result = await tx.execute(sql`
      update "accounts" set deleted_at = ${at}::timestamptz, last_event_at = ${at}::timestamptz
      where id in (${lockedIds}) and deleted_at is null ${extraGuard}
      returning id, provider, status`);
    const deleted = (result as unknown as { rows: DeletedRow[] }).rows;
    return { deleted, incidents: await recordDeletions(tx, deleted, at, source) };
  });
}

/** Marks one account deleted (kept for the timeline and the audit log). */
export async function markAccountDeleted(
  db: Db,
  id: string,
  at: string,
  source: WriteSource = 'webhook',
): Promise<{ deleted: DeletedRow[]; incidents: IncidentTransition[] }> {
  return markDeletedRows(db, sql`select ${id}::text`, sql``, at, source);
}
