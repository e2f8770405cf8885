/**
 * Incidents at scale: 100,000 accounts of which 15,000 are broken (error or inactive).
 *
 * - the initial incident backfill: an installation whose index predates the status history gets a
 *   baseline row per account and an incident per broken one (recordStatusBaseline, one statement);
 * - `GET /api/incidents` p50/p95 over HTTP for the queue's usual views (goal: p95 < 50 ms on PGlite).
 *
 * BENCH_INCIDENT_ACCOUNTS / BENCH_INCIDENT_BROKEN scale it down for a quick run.
 */
import { sql } from 'drizzle-orm';
import type { IncidentListResponse } from '../shared/schemas/incident.ts';
import { recordStatusBaseline } from '../server/account-state/status-baseline.ts';
import { startInProcessStack } from './support/console-stack.ts';
import { printSummary, summarize, time } from './support/stats.ts';

const ACCOUNTS = Number(process.env.BENCH_INCIDENT_ACCOUNTS ?? 100_000);
const BROKEN = Number(process.env.BENCH_INCIDENT_BROKEN ?? Math.round(ACCOUNTS * 0.15));
const REQUESTS = Number(process.env.BENCH_INCIDENT_REQUESTS ?? 200);
const GOAL_P95_MS = 50;

const stack = await startInProcessStack(ACCOUNTS);
try {
  const { db } = stack.console.deps.database;
  const sync = await time(() => stack.console.deps.sync.runFull());
  console.log(`console sync: ${sync.value.seen} accounts in ${(sync.ms / 1000).toFixed(1)} s`);

  // Exactly BROKEN broken accounts (the seed's own mix differs), spread over providers and customers;
  // a third of them inactive. Then the index is as an installation from before the history had it.
  await db.execute(sql`
    with ranked as (select id, row_number() over (order by md5(id)) as n from accounts)
    update accounts a set
      status = case when r.n > ${BROKEN} then 'active' when r.n % 3 = 0 then 'inactive' else 'error' end,
      status_reasons = case when r.n > ${BROKEN} then '[]'::jsonb else jsonb_build_array(jsonb_build_object(
        'code', (array['token_expired', 'invalid_credentials', 'insufficient_scope', 'rate_limited'])[1 + r.n % 4],
        'description', 'Broken for the benchmark',
        'timestamp', to_char(now() - (r.n % 720) * interval '1 hour', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))) end
    from ranked r where r.id = a.id`);
  await db.execute(sql`truncate account_status_history, incidents, incident_notes`);

  const backfill = await time(() => recordStatusBaseline(db));
  const [opened] = (
    (await db.execute(
      sql`select count(*)::int as n from incidents where state <> 'resolved'`,
    )) as unknown as {
      rows: { n: number }[];
    }
  ).rows;
  console.log(
    `initial backfill: ${backfill.value} baseline rows, ${opened!.n} incidents opened in ${backfill.ms.toFixed(0)} ms`,
  );
  // A few hundred assigned, so `assignee=` views have rows.
  const me = (await (
    await fetch(`${stack.console.url}/api/me`, { headers: { cookie: stack.cookie } })
  ).json()) as {
    user: { id: string };
  };
  await db.execute(sql`update incidents set assignee_id = ${me.user.id}, state = 'acknowledged'
    where id in (select id from incidents order by md5(id) limit 300)`);
  await db.execute(sql`analyze incidents`);

  const api = async (path: string) => {
    const res = await fetch(`${stack.console.url}${path}`, { headers: { cookie: stack.cookie } });
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as IncidentListResponse;
  };
  const first = await api('/api/incidents?pageSize=200');
  const providers = Object.keys(first.facets.provider);
  const customers = [...new Set(first.items.map((i) => i.originOwnerName.split(' ')[0]!.toLowerCase()))];
  const views: [string, (i: number) => string][] = [
    ['default queue (unresolved, oldest first)', () => '/api/incidents'],
    [
      'one provider',
      (i) => `/api/incidents?provider=${encodeURIComponent(providers[i % providers.length]!)}`,
    ],
    ['unassigned, one reason', () => '/api/incidents?assignee=none&reason=token_expired'],
    ['mine', () => '/api/incidents?assignee=me'],
    ['customer search', (i) => `/api/incidents?q=${encodeURIComponent(customers[i % customers.length]!)}`],
    ['last seen, newest first, page 20', () => '/api/incidents?sort=lastSeenAt&order=desc&page=20'],
  ];
  let worst = 0;
  console.log(`\nGET /api/incidents over HTTP (${opened!.n} unresolved incidents, page of 50 with facets):`);
  for (const [label, path] of views) {
    for (let i = 0; i < 10; i++) await api(path(i));
    const times: number[] = [];
    for (let i = 0; i < REQUESTS / views.length; i++) times.push((await time(() => api(path(i)))).ms);
    const s = summarize(times);
    worst = Math.max(worst, s.p95);
    printSummary(label, s);
  }
  console.log(
    `\nworst p95 ${worst.toFixed(1)} ms (goal < ${GOAL_P95_MS} ms): ${worst < GOAL_P95_MS ? 'met' : 'NOT met'}`,
  );
} finally {
  await stack.close();
}
