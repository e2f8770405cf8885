/**
 * The health overview over 100,000 accounts (15,000 in error, 5,000 inactive) with their status
 * history (a baseline per account, moves into and out of error over 30 days) and incidents (open and
 * recently resolved): `GET /api/overview` p50/p95 over HTTP, against computing its account figures
 * (by status, by provider, top reasons) by paging `GET /api/accounts` at the largest page size, in
 * the same run. Rows are written straight into the index (the figures read it, not StackOne).
 * Run: npx tsx bench/overview.ts — prints figures, asserts nothing.
 */
import { sql } from 'drizzle-orm';
import { PAGE_SIZE_MAX, type AccountListResponse } from '../shared/schemas/account-filters.ts';
import type { Overview } from '../shared/schemas/overview.ts';
import { startInProcessStack } from './support/console-stack.ts';
import { printSummary, summarize, time } from './support/stats.ts';

const ACCOUNTS = 100_000;
const BROKEN = 15_000;
const INACTIVE = 5_000;
const FLAPS = 10_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const BASELINE_RUNS = Number(process.env.BENCH_BASELINE_RUNS ?? 2);

const stack = await startInProcessStack(10);
try {
  const { db } = stack.console.deps.database;
  const seeded = await time(async () => {
    // Accounts 1..15k are in error, the next 5k inactive, the rest active; 12 providers, 6 reasons.
    await db.execute(sql`insert into accounts (id, provider, provider_name, status, status_reasons,
        origin_owner_id, origin_owner_name, created_at, updated_at, search_text)
      select 'acc_' || i, 'provider_' || (i % 12), 'Provider ' || (i % 12),
        case when i <= ${BROKEN} then 'error' when i <= ${BROKEN + INACTIVE} then 'inactive' else 'active' end,
        case when i <= ${BROKEN} then jsonb_build_array(jsonb_build_object(
          'code', 'reason_' || (i % 6), 'description', 'Broken', 'timestamp', now()::text)) else '[]'::jsonb end,
        'cust_' || (i % 20000), 'Customer ' || (i % 20000),
        now() - (i % 365) * interval '1 day', now() - (i % 30) * interval '1 day',
        'acc_' || i || ' cust_' || (i % 20000) || ' provider_' || (i % 12)
      from generate_series(1, ${ACCOUNTS}) i`);
    await db.execute(sql`insert into account_status_history (account_id, provider, from_status, to_status,
        observed_at, source)
      select 'acc_' || i, 'provider_' || (i % 12), null,
        case when i <= ${BROKEN + INACTIVE} and i > ${BROKEN} then 'inactive' else 'active' end,
        now() - interval '40 days', 'baseline'
      from generate_series(1, ${ACCOUNTS}) i`);
    await db.execute(sql`insert into account_status_history (account_id, provider, from_status, to_status,
        observed_at, source)
      select 'acc_' || i, 'provider_' || (i % 12), 'active', 'error',
        now() - (i % 30) * interval '1 day' - (i % 24) * interval '1 hour', 'webhook'
      from generate_series(1, ${BROKEN}) i`);
    // Flaps of active accounts: into error and back out a few hours later.
    await db.execute(sql`insert into account_status_history (account_id, provider, from_status, to_status,
        observed_at, source)
      select 'acc_' || (${BROKEN + INACTIVE} + i), 'provider_' || (i % 12), m.f, m.t,
        now() - (i % 29 + 1) * interval '1 day' + m.h * interval '1 hour', 'webhook'
      from generate_series(1, ${FLAPS}) i, (values ('active', 'error', 0), ('error', 'active', 3)) m(f, t, h)`);
    await db.execute(sql`insert into incidents (id, account_id, provider, origin_owner_id, origin_owner_name,
        kind, state, reason_code, opened_at, last_seen_at)
      select 'inc_' || i, 'acc_' || i, 'provider_' || (i % 12), 'cust_' || (i % 20000), 'Customer ' || (i % 20000),
        case when i <= ${BROKEN} then 'error' else 'inactive' end,
        (array['open', 'acknowledged', 'waiting_on_customer'])[1 + i % 3],
        case when i <= ${BROKEN} then 'reason_' || (i % 6) end,
        now() - (i % 30) * interval '1 day' - (i % 24) * interval '1 hour', now()
      from generate_series(1, ${BROKEN + INACTIVE}) i`);
    await db.execute(sql`insert into incidents (id, account_id, provider, origin_owner_id, origin_owner_name,
        kind, state, opened_at, last_seen_at, resolved_at, resolution)
      select 'inc_r' || i, 'acc_' || (${BROKEN + INACTIVE} + i), 'provider_' || (i % 12), 'cust_1', 'Customer 1',
        'error', 'resolved', now() - (i % 29 + 1) * interval '1 day',
        now() - (i % 29 + 1) * interval '1 day' + interval '3 hours',
        now() - (i % 29 + 1) * interval '1 day' + interval '3 hours', 'active'
      from generate_series(1, ${FLAPS}) i`);
    // PGlite has no autovacuum: statistics and the visibility map, as after a sync (vacuumIndex).
    await db.execute(sql`vacuum analyze accounts`);
    await db.execute(sql`vacuum analyze account_status_history`);
    await db.execute(sql`vacuum analyze incidents`);
  });
  console.log(
    `seeded ${ACCOUNTS} accounts (${BROKEN} in error), ${ACCOUNTS + BROKEN + 2 * FLAPS} history rows, ` +
      `${BROKEN + INACTIVE + FLAPS} incidents in ${(seeded.ms / 1000).toFixed(1)} s`,
  );

  const get = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${stack.console.url}${path}`, { headers: { cookie: stack.cookie } });
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  };

  for (let i = 0; i < 20; i++) await get('/api/overview');
  const times: number[] = [];
  let last: Overview | undefined;
  for (let i = 0; i < RUNS; i++) {
    const { ms, value } = await time(() => get<Overview>('/api/overview'));
    times.push(ms);
    last = value;
  }
  const overview = summarize(times);
  console.log('');
  printSummary('GET /api/overview (HTTP, every figure)', overview);
  console.log(
    `  byStatus ${JSON.stringify(last!.byStatus)}; ${last!.byProvider.length} providers; ` +
      `${last!.openIncidents.total} open incidents; MTTR ${last!.mttrSeconds} s; ` +
      `in error 30 days ago ${last!.brokenPerDay[0]!.count}, today ${last!.brokenPerDay.at(-1)!.count}`,
  );

  // The baseline: the same account figures from the list API, every page at the largest size.
  const pagedFigures = async () => {
    const byStatus = new Map<string, number>();
    const byProvider = new Map<string, number>();
    const reasons = new Map<string | null, number>();
    let pages = 0;
    for (let page = 1; ; page++) {
      const body = await get<AccountListResponse>(`/api/accounts?pageSize=${PAGE_SIZE_MAX}&page=${page}`);
      pages++;
      for (const a of body.items) {
        byStatus.set(a.status, (byStatus.get(a.status) ?? 0) + 1);
        byProvider.set(`${a.provider}/${a.status}`, (byProvider.get(`${a.provider}/${a.status}`) ?? 0) + 1);
        if (a.status === 'error') {
          const code = a.statusReasons[0]?.code ?? null;
          reasons.set(code, (reasons.get(code) ?? 0) + 1);
        }
      }
      if (page * PAGE_SIZE_MAX >= body.total) break;
    }
    return { byStatus, byProvider, reasons, pages };
  };
  const baselineTimes: number[] = [];
  let paged: Awaited<ReturnType<typeof pagedFigures>> | undefined;
  for (let i = 0; i < BASELINE_RUNS; i++) {
    const { ms, value } = await time(pagedFigures);
    baselineTimes.push(ms);
    paged = value;
  }
  const baseline = summarize(baselineTimes);
  printSummary(`paging GET /api/accounts (${paged!.pages} pages of ${PAGE_SIZE_MAX})`, baseline);
  const agrees =
    paged!.byStatus.get('error') === last!.byStatus.error &&
    paged!.byStatus.get('active') === last!.byStatus.active &&
    last!.topReasons.every((r) => paged!.reasons.get(r.code) === r.count);
  console.log(`  the paged figures ${agrees ? 'agree' : 'DO NOT agree'} with the overview's`);

  console.log(
    `\nGET /api/overview p95 ${overview.p95.toFixed(1)} ms vs goal < 50 ms: ratio ${(overview.p95 / 50).toFixed(2)}` +
      ` (${overview.p95 < 50 ? 'within' : 'over'} the goal)`,
  );
  console.log(
    `paging the list / overview (p50): ${(baseline.p50 / overview.p50).toFixed(0)}× slower` +
      ' (and the list cannot give incidents or history figures at all)',
  );
} finally {
  await stack.close();
}
