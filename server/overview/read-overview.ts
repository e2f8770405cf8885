import { sql, type SQL } from 'drizzle-orm';
import { OVERVIEW_DAYS, type Overview, type StatusCounts } from '../../shared/schemas/overview.ts';
import type { Db } from '../db/client.ts';
import { accountFacetCounts, accounts, accountStatusHistory, incidents } from '../db/schema.ts';

type Row = {
  now: string;
  today: string;
  groups: { status: string; provider: string; n: number | string }[];
  names: { provider: string; name: string | null }[];
  reasons: { code: string | null; n: number | string }[];
  open: { total: number; error: number; inactive: number; h: number; d: number; w: number } | null;
  mttr: { mean: number | string | null; n: number | string };
  moves: { day: string; net: number | string }[];
};

const MAIN_STATUSES = ['active', 'error', 'inactive'] as const;
const emptyCounts = (): StatusCounts => ({ active: 0, error: 0, inactive: 0, other: 0, total: 0 });
const add = (into: StatusCounts, status: string, n: number) => {
  if ((MAIN_STATUSES as readonly string[]).includes(status)) into[status as 'active'] += n;
  else into.other += n;
  into.total += n;
};

/**
 * Every figure in one statement, so that they are read from one snapshot (they agree with each other)
 * and in one round trip (PGlite runs statements one at a time). Status counts come from
 * `account_facet_counts`, as the accounts list's facets do; the rest is read off the partial indexes
 * of migration 0010. Days are UTC days.
 */
function overviewStatement(days: number): SQL {
  const h = accountStatusHistory;
  return sql`with clock as (
      select now() as now, (now() at time zone 'UTC')::date as today
    ), from_day as (
      select ((select today from clock) - ${days - 1}::int)::timestamp at time zone 'UTC' as t
    )
    select
      (select now from clock) as now,
      (select today from clock)::text as today,
      (select coalesce(json_agg(g), '[]') from (
        select status, provider, sum(n) as n from ${accountFacetCounts} where n > 0 group by status, provider
      ) g) as groups,
      (select coalesce(json_agg(p), '[]') from (
        select f.provider, (
          select ${accounts.providerName} from ${accounts}
          where ${accounts.provider} = f.provider and ${accounts.providerName} is not null limit 1
        ) as name
        from (select distinct provider from ${accountFacetCounts} where n > 0) f
      ) p) as names,
      (select coalesce(json_agg(r order by r.n desc, r.code nulls last), '[]') from (
        select ${accounts.statusReasons}->0->>'code' as code, count(*) as n from ${accounts}
        where ${accounts.deletedAt} is null and ${accounts.status} = 'error' group by 1
      ) r) as reasons,
      (select row_to_json(o) from (
        select count(*) as total,
          count(*) filter (where ${incidents.kind} = 'error') as error,
          count(*) filter (where ${incidents.kind} = 'inactive') as inactive,
          count(*) filter (where ${incidents.openedAt} > (select now from clock) - interval '1 hour') as h,
          count(*) filter (where ${incidents.openedAt} > (select now from clock) - interval '1 day') as d,
          count(*) filter (where ${incidents.openedAt} > (select now from clock) - interval '7 days') as w
        from ${incidents} where ${incidents.state} <> 'resolved'
      ) o) as open,
      (select row_to_json(m) from (
        select extract(epoch from avg(${incidents.resolvedAt} - ${incidents.openedAt}))::float8 as mean,
          count(*) as n
        from ${incidents}
        where ${incidents.resolvedAt} is not null
          and ${incidents.resolvedAt} > (select now from clock) - interval '30 days'
      ) m) as mttr,
      (select coalesce(json_agg(v), '[]') from (
        select (${h.observedAt} at time zone 'UTC')::date::text as day,
          sum(case when ${h.toStatus} = 'error' then 1 else -1 end) as net
        from ${h}
        where ${h.observedAt} >= (select t from from_day)
          and (${h.toStatus} = 'error' or ${h.fromStatus} = 'error')
          and (${h.toStatus} = 'error') <> (${h.fromStatus} is not distinct from 'error')
        group by 1
      ) v) as moves`;
}

/** Today first, each day before is the next one minus what entered `error` on it plus what left it. */
function brokenPerDay(today: string, currentErrors: number, moves: Row['moves'], days: number) {
  const net = new Map(moves.map((m) => [m.day, Number(m.net)]));
  const out: { day: string; count: number }[] = [];
  const day = new Date(`${today}T00:00:00Z`);
  let count = currentErrors;
  for (let i = 0; i < days; i++) {
    const key = day.toISOString().slice(0, 10);
    out.push({ day: key, count });
    count -= net.get(key) ?? 0;
    day.setUTCDate(day.getUTCDate() - 1);
  }
  return out.reverse();
}

export async function readOverview(db: Db, days: number = OVERVIEW_DAYS): Promise<Overview> {
  const result = (await db.execute(overviewStatement(days))) as unknown as { rows: Row[] };
  const row = result.rows[0]!;

  const byStatus = emptyCounts();
  const providers = new Map<string, StatusCounts>();
  for (const g of row.groups) {
    const n = Number(g.n);
    add(byStatus, g.status, n);
    let counts = providers.get(g.provider);
    if (!counts) providers.set(g.provider, (counts = emptyCounts()));
    add(counts, g.status, n);
  }
  const names = new Map(row.names.map((p) => [p.provider, p.name]));
  const open = row.open ?? { total: 0, error: 0, inactive: 0, h: 0, d: 0, w: 0 };
  const n = (v: number | string) => Number(v);
  const resolved = n(row.mttr.n);
  return {
    byStatus,
    byProvider: [...providers]
      .map(([provider, counts]) => ({ provider, providerName: names.get(provider) ?? null, ...counts }))
      .sort((a, b) => b.total - a.total || a.provider.localeCompare(b.provider)),
    topReasons: row.reasons.map((r) => ({ code: r.code, count: n(r.n) })),
    openIncidents: {
      total: n(open.total),
      byKind: { error: n(open.error), inactive: n(open.inactive) },
      byAge: {
        underHour: n(open.h),
        underDay: n(open.d) - n(open.h),
        underWeek: n(open.w) - n(open.d),
        older: n(open.total) - n(open.w),
      },
    },
    mttrSeconds: resolved > 0 && row.mttr.mean !== null ? Math.round(n(row.mttr.mean)) : null,
    resolvedLast30Days: resolved,
    brokenPerDay: brokenPerDay(row.today, byStatus.error, row.moves, days),
    generatedAt: new Date(row.now).toISOString(),
  };
}
