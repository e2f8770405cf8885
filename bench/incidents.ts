/**
 * Incidents at scale: 100,000 accounts of which 15,000 are broken (error or inactive).
 *
 * - the initial incident backfill: an installation whose index predates the status history gets a
 *   baseline row per account and an incident per broken one (recordStatusBaseline, one statement);
 * - `GET /api/incidents` p50/p95 over HTTP for the queue's usual views (goal: p95 < 50 ms on PGlite);
 * - break → alert: from a sandbox break (`/_sandbox/accounts/{id}/break`) to its alert arriving at a
 *   local webhook receiver, on a small stack of its own whose sandbox sends its webhooks to the console
 *   (the big one's does not), with ALERT_GRACE_SECONDS=BENCH_ALERT_GRACE_SECONDS (2) and the default
 *   tick (goal: grace + < 1 s), one break at a time.
 *
 * BENCH_INCIDENT_ACCOUNTS / BENCH_INCIDENT_BROKEN scale it down for a quick run; BENCH_ALERT_BREAKS (10)
 * is the number of breaks timed (0 leaves that part out).
 */
import { sql } from 'drizzle-orm';
import type { AlertMessage } from '../shared/schemas/alerts.ts';
import type { IncidentListResponse } from '../shared/schemas/incident.ts';
import { recordStatusBaseline } from '../server/account-state/status-baseline.ts';
import { startTestConsole } from '../test/support/console.ts';
import { basicAuthHeader, platformFetch } from '../test/support/sandbox.ts';
import { startWebhookReceiver, waitUntil } from '../test/support/webhook-receiver.ts';
import { startInProcessStack } from './support/console-stack.ts';
import { printSummary, seededRandom, summarize, time } from './support/stats.ts';

const ACCOUNTS = Number(process.env.BENCH_INCIDENT_ACCOUNTS ?? 100_000);
const BROKEN = Number(process.env.BENCH_INCIDENT_BROKEN ?? Math.round(ACCOUNTS * 0.15));
const REQUESTS = Number(process.env.BENCH_INCIDENT_REQUESTS ?? 200);
const GOAL_P95_MS = 50;
const ALERT_BREAKS = Number(process.env.BENCH_ALERT_BREAKS ?? 10);
const ALERT_GRACE_SECONDS = Number(process.env.BENCH_ALERT_GRACE_SECONDS ?? 2);

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
  // As the vacuum after every sync leaves it (vacuum-index.ts): the queue's facet counts are index-only.
  await db.execute(sql`vacuum analyze incidents`);

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

if (ALERT_BREAKS > 0) await breakToAlert();

/**
 * Break → alert latency: each break's time from the control call to the receiver holding the
 * `opened` alert naming its account. Breaks go one at a time, each after the previous alert (and
 * the group threshold is out of reach), so each incident is announced alone. The rules announce on
 * their first tick after the grace period, so the figure is grace + up to one tick + the work.
 */
async function breakToAlert(): Promise<void> {
  const receiver = await startWebhookReceiver();
  const t = await startTestConsole({
    autoSync: false,
    sandbox: { accounts: Math.max(50, ALERT_BREAKS * 3) },
    env: { ALERT_GRACE_SECONDS: String(ALERT_GRACE_SECONDS), ALERT_GROUP_THRESHOLD: '10000' },
  });
  try {
    await t.console.deps.sync.runFull();
    const created = await t.client['alert-destinations'].$post({
      json: { type: 'webhook', name: 'Bench receiver', url: receiver.url },
    });
    if (created.status !== 201) throw new Error(`alert destination: ${created.status}`);
    const upstream = (await (await platformFetch(t.sandbox, '/accounts?page_size=100')).json()) as {
      id: string;
      status: string;
    }[];
    const accounts = upstream.filter((a) => a.status === 'active').slice(0, ALERT_BREAKS);
    const alertOf = (accountId: string) =>
      receiver.accepted().find((r) => {
        const m = r.json as AlertMessage | null;
        return m?.kind === 'opened' && m.incidents.some((i) => i.accountId === accountId);
      });
    const latencies: number[] = [];
    const random = seededRandom(7);
    for (const account of accounts) {
      // The rules run on a 1 s tick: a break made right after an alert (so right after a tick) would
      // always land at the same phase of it. A random pause spreads the breaks over the tick as real
      // ones fall.
      await new Promise((resolve) => setTimeout(resolve, random.next() * 1000));
      const started = Date.now();
      const res = await fetch(`${t.sandbox.url}/_sandbox/accounts/${account.id}/break`, {
        method: 'POST',
        body: JSON.stringify({ status: 'error', code: 'token_expired' }),
        headers: { 'content-type': 'application/json', authorization: basicAuthHeader(t.sandbox.apiKey) },
      });
      if (!res.ok) throw new Error(`break ${account.id}: ${res.status}`);
      const alert = await waitUntil(() => alertOf(account.id), {
        timeoutMs: (ALERT_GRACE_SECONDS + 60) * 1000,
        what: `the alert of ${account.id}`,
      });
      latencies.push(alert.receivedAt - started);
    }
    const s = summarize(latencies);
    console.log(`\nbreak → alert at a webhook receiver (ALERT_GRACE_SECONDS=${ALERT_GRACE_SECONDS}):`);
    printSummary('sandbox break to alert received', s);
    const overGrace = s.p95 - ALERT_GRACE_SECONDS * 1000;
    console.log(
      `p95 ${(overGrace / 1000).toFixed(2)} s over the grace period (goal < 1 s): ${overGrace < 1000 ? 'met' : 'NOT met'}`,
    );
  } finally {
    await t.close();
    await receiver.close();
  }
}
