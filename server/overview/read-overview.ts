import { sql, type SQL } from 'drizzle-orm';
import { OVERVIEW_DAYS, type Overview, type StatusCounts } from '../../shared/schemas/overview.ts';
import type { Db } from '../db/client.ts';
import {
  accountErrorMoves,
  accountReasonCounts,
  accountFacetCounts,
  accounts,
  incidentOpenCounts,
  incidentResolvedDays,
  incidents,
} from '../db/schema.ts';

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
 * `account_facet_counts`, as the accounts list's facets do; reasons, moves into and out of `error`,
 * open incidents by kind and resolved incidents per day from the trigger-kept summaries of migration
 * overview_summaries, so that the cost does not grow with broken accounts. What the summaries cannot
 * hold (open incidents younger than a week, by age; incidents resolved on the day the 30-day window
 * starts in) is read off the partial indexes of migration overview_indexes. Days are UTC days.
 */
function overviewStatement(days: number): SQL {
  return sql`with clock as (
      select now() as now, (now() at time zone 'UTC')::date as today
    ), mttr_from as (
      select t, (t at time zone 'UTC')::date as day from (
        select (select now from clock) - interval '30 days' as t
      ) b
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
        select ${accountReasonCounts.code} as code, ${accountReasonCounts.n} as n
        from ${accountReasonCounts} where ${accountReasonCounts.status} = 'error' and ${accountReasonCounts.n} > 0
      ) r) as reasons,
      (select row_to_json(o) from (
        select (select coalesce(sum(${incidentOpenCounts.n}), 0) from ${incidentOpenCounts}) as total,
          (select coalesce(sum(${incidentOpenCounts.n}), 0) from ${incidentOpenCounts}
            where ${incidentOpenCounts.kind} = 'error') as error,
          (select coalesce(sum(${incidentOpenCounts.n}), 0) from ${incidentOpenCounts}
            where ${incidentOpenCounts.kind} = 'inactive') as inactive,
          count(*) filter (where ${incidents.openedAt} > (select now from clock) - interval '1 hour') as h,
          count(*) filter (where ${incidents.openedAt} > (select now from clock) - interval '1 day') as d,
          count(*) as w
        from ${incidents} where ${incidents.state} <> 'resolved'
          and ${incidents.openedAt} > (select now from clock) - interval '7 days'
      ) o) as open,
      (select row_to_json(m) from (
        select (sum(micros) / nullif(sum(n), 0) / 1000000)::float8 as mean, coalesce(sum(n), 0) as n from (
          select ${incidentResolvedDays.n} as n, ${incidentResolvedDays.repairMicros} as micros
          from ${incidentResolvedDays} where ${incidentResolvedDays.day} > (select day from mttr_from)
          union all
          select count(*), sum(extract(epoch from ${incidents.resolvedAt} - ${incidents.openedAt}) * 1000000)
          from ${incidents}
          where ${incidents.resolvedAt} is not null
            and ${incidents.resolvedAt} > (select t from mttr_from)
            and ${incidents.resolvedAt} < ((select day from mttr_from) + 1)::timestamp at time zone 'UTC'
        ) s
      ) m) as mttr,
      (select coalesce(json_agg(v), '[]') from (
        select ${accountErrorMoves.day}::text as day, ${accountErrorMoves.net} as net from ${accountErrorMoves}
        where ${accountErrorMoves.day} >= (select today from clock) - ${days - 1}::int
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
