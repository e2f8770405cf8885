import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';

/**
 * Records the state of every indexed account that has no status history yet (an installation from
 * before the history, on its first sync) as a `baseline` row — not a transition — and opens an
 * incident for each live broken one, opened when StackOne first gave a reason (else its `updated_at`).
 * Set-based: one statement whatever the size of the index; a no-op once every account has history.
 * Returns the number of baseline rows written.
 */
export async function recordStatusBaseline(db: Db): Promise<number> {
  const at = new Date().toISOString();
  const result = await db.execute(sql`
    with base as (
      insert into account_status_history (account_id, provider, from_status, to_status, status_reasons, observed_at, source)
      select a.id, a.provider, null, case when a.deleted_at is null then a.status else 'deleted' end,
        a.status_reasons, ${at}::timestamptz, 'baseline'
      from accounts a
      where not exists (select 1 from account_status_history h where h.account_id = a.id)
      returning account_id, to_status
    ), opened as (
      insert into incidents (id, account_id, provider, origin_owner_id, origin_owner_name, label, kind, state,
        reason_code, reason_description, opened_at, last_seen_at, updated_at)
      select 'inc_' || replace(gen_random_uuid()::text, '-', ''), a.id, a.provider, a.origin_owner_id,
        a.origin_owner_name, a.label, a.status, 'open', r.reason->>'code', r.reason->>'description',
        least(coalesce(r.first_at, a.updated_at), ${at}::timestamptz), ${at}::timestamptz, ${at}::timestamptz
      from base join accounts a on a.id = base.account_id
      cross join lateral (
        select (select x from jsonb_array_elements(a.status_reasons) x order by x->>'timestamp' desc limit 1) as reason,
          (select min((x->>'timestamp')::timestamptz) from jsonb_array_elements(a.status_reasons) x) as first_at
      ) r
      where base.to_status in ('error', 'inactive')
      on conflict do nothing
    )
    select count(*)::int as n from base`);
  return (result as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0;
}
