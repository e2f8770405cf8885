import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';

/** Statuses that open an incident of their own kind. */
export const BROKEN_STATUSES = ['error', 'inactive'] as const;

/** An account row the writer just wrote, as the incident step needs it. */
export interface WrittenAccount {
  id: string;
  /** Its status before the write ('deleted' for a deleted row), null when it was first seen. */
  fromStatus: string | null;
}

/** An incident the writer opened or resolved. */
export interface IncidentTransition {
  incidentId: string;
  accountId: string;
  change: 'opened' | 'resolved';
  state: string;
}

type Tx = Pick<Db, 'execute'>;

/** Incidents only move forward inside one statement; this many ids travel as one JSON parameter. */
const idsJson = (ids: readonly string[]) =>
  sql`(select value from json_array_elements_text(${JSON.stringify(ids)}::json))`;

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/**
 * Brings the incidents of written accounts in line with their rows (read after the write, in the
 * caller's transaction, so locked against other writers): an unresolved incident whose account is
 * active, deleted, or broken the other way resolves (`active`, `deleted`, `kind_changed`); a broken
 * account without one gets one; one that stays broken has `lastSeenAt` moved on. Two statements for
 * any number of accounts.
 */
export async function reconcileIncidents(
  tx: Tx,
  written: readonly WrittenAccount[],
  at: string,
): Promise<IncidentTransition[]> {
  if (!written.length) return [];
  const ids = written.map((w) => w.id);
  const resolved = rowsOf<{ id: string; account_id: string }>(
    await tx.execute(sql`
      update incidents i set state = 'resolved', resolved_at = ${at}::timestamptz, updated_at = ${at}::timestamptz,
        resolution = case when a.deleted_at is not null then 'deleted'
                          when a.status = 'active' then 'active' else 'kind_changed' end
      from accounts a
      where a.id in ${idsJson(ids)} and i.account_id = a.id and i.state <> 'resolved'
        and (a.deleted_at is not null or a.status = 'active'
             or (a.status in ('error', 'inactive') and a.status <> i.kind))
      returning i.id, i.account_id`),
  );
  const opened = rowsOf<{ id: string; account_id: string; inserted: boolean }>(
    await tx.execute(sql`
      with w as (
        select * from json_to_recordset(${JSON.stringify(written.map((w) => ({ id: w.id, from_status: w.fromStatus })))}::json)
          as w(id text, from_status text)
      ), src as (
        select a.id, a.provider, a.origin_owner_id, a.origin_owner_name, a.label, a.status, a.updated_at,
          w.from_status,
          (select x from jsonb_array_elements(a.status_reasons) x
            order by x->>'timestamp' desc limit 1) as reason,
          (select min((x->>'timestamp')::timestamptz) from jsonb_array_elements(a.status_reasons) x) as first_reason_at
        from accounts a join w on w.id = a.id
        where a.deleted_at is null and a.status in ('error', 'inactive')
      )
      insert into incidents as i (id, account_id, provider, origin_owner_id, origin_owner_name, label, kind,
        state, reason_code, reason_description, opened_at, last_seen_at, updated_at)
      select 'inc_' || replace(gen_random_uuid()::text, '-', ''), id, provider, origin_owner_id,
        origin_owner_name, label, status, 'open', reason->>'code', reason->>'description',
        -- A break seen happen opens now; one found already there (first sight, or no incident yet)
        -- opened when StackOne first gave a reason for it.
        case when from_status is not null and from_status <> status then ${at}::timestamptz
             else least(coalesce(first_reason_at, updated_at), ${at}::timestamptz) end,
        ${at}::timestamptz, ${at}::timestamptz
      from src order by id
      on conflict (account_id) where state <> 'resolved' do update set
        last_seen_at = greatest(i.last_seen_at, excluded.last_seen_at),
        provider = excluded.provider, origin_owner_id = excluded.origin_owner_id,
        origin_owner_name = excluded.origin_owner_name, label = excluded.label,
        reason_code = excluded.reason_code, reason_description = excluded.reason_description
      returning i.id, i.account_id, (i.xmax = 0) as inserted`),
  );
  return [
    ...resolved.map((r) => ({
      incidentId: r.id,
      accountId: r.account_id,
      change: 'resolved' as const,
      state: 'resolved',
    })),
    ...opened
      .filter((r) => r.inserted)
      .map((r) => ({ incidentId: r.id, accountId: r.account_id, change: 'opened' as const, state: 'open' })),
  ];
}

/**
 * A sync page that found broken accounts unchanged (so not written): their incidents were seen again.
 * Moved on at most once a minute, so a sync of an unchanged index rewrites few incident rows.
 */
export async function noteBreaksSeen(
  tx: Tx,
  seen: readonly { id: string; status: string }[],
  at: string,
): Promise<void> {
  const broken = seen.filter((s) => (BROKEN_STATUSES as readonly string[]).includes(s.status));
  if (!broken.length) return;
  await tx.execute(sql`
    update incidents i set last_seen_at = ${at}::timestamptz
    from json_to_recordset(${JSON.stringify(broken)}::json) as s(id text, status text)
    where i.account_id = s.id and i.state <> 'resolved' and i.kind = s.status
      and i.last_seen_at < ${at}::timestamptz - interval '1 minute'`);
}

/**
 * Accounts just marked deleted: one history row each (from the status they had) and their unresolved
 * incidents resolved as `deleted`.
 */
export async function recordDeletions(
  tx: Tx,
  deleted: readonly { id: string; provider: string; status: string }[],
  at: string,
  source: string,
): Promise<IncidentTransition[]> {
  if (!deleted.length) return [];
  await tx.execute(sql`
    insert into account_status_history (account_id, provider, from_status, to_status, status_reasons, observed_at, source)
    select d.id, d.provider, d.status, 'deleted', '[]'::jsonb, ${at}::timestamptz, ${source}
    from json_to_recordset(${JSON.stringify(deleted)}::json) as d(id text, provider text, status text)`);
  return reconcileIncidents(
    tx,
    deleted.map((d) => ({ id: d.id, fromStatus: d.status })),
    at,
  );
}
