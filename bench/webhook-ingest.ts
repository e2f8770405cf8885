/**
 * Two measurements of StackOne's account webhooks (run both, or name one: `ingest` or `browser`).
 *
 * ingest: signed webhook deliveries per second that the console accepts with none lost, on PGlite,
 * against a baseline in the same run: a bare Hono endpoint that only verifies the signature. The
 * ratio is the cost of durable storage (the console answers once a delivery is stored, and applies it
 * right after: upstream re-read, index upsert, publish; the time the last one took to apply is shown).
 *
 * browser: the time from the sandbox changing an account (`POST /_sandbox/accounts/{id}/break`, which
 * sends a signed account.updated webhook to the console) to a signed-in SSE client of
 * `GET /api/events` receiving that account's account.changed event, p50/p95, with changes one at a
 * time and at 10 and 100 a second (each timed from its own request). Sandbox and console run in
 * processes of their own; the console on a PGlite folder, or Postgres with BENCH_DATABASE_URL.
 * Goal: p95 < 1 s. BENCH_SECONDS sets how long each rate runs (default 10). Under each figure, the
 * stages: the sandbox answering the break, its webhook queue (4 deliveries in flight per endpoint,
 * each waiting for the console's answer), the console's answer; and, per change, the CPU time of the
 * console's, the sandbox's and this client's main thread and their wait for a CPU (Linux), which
 * tell a slow process from a busy machine.
 *
 * Run: npx tsx bench/webhook-ingest.ts [ingest|browser] — prints figures, asserts nothing.
 */
import { createHash, createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { and, count, eq, inArray, isNotNull } from 'drizzle-orm';
import { Hono } from 'hono';
import { webhookEvents } from '../server/db/schema.ts';
import type { WebhookDelivery } from '../server/sandbox/model.ts';
import { verifySignature } from '../server/webhooks/verify-signature.ts';
import { startTestConsole, TEST_WEBHOOK_SECRET } from '../test/support/console.ts';
import { platformFetch } from '../test/support/sandbox.ts';
import { basicAuth, startChildStack, waitForFirstSync } from './support/console-stack.ts';
import { openEventStream, type SseClient } from './support/sse-client.ts';
import { schedStat, type SchedStat } from './support/sched-stat.ts';
import { percentile, printSummary, summarize } from './support/stats.ts';

const DELIVERIES = 5_000;
const CONCURRENCY = 50;
const WARM_UP = 300;
const ACCOUNTS = 5_000;
const HOT_ACCOUNTS = 10;

const sign = (body: string) => createHmac('sha256', TEST_WEBHOOK_SECRET).update(body).digest('base64url');
const sha256 = (body: string) => createHash('sha256').update(body).digest('hex');

let bodySeq = 0;
function bodies(accountIds: string[], n: number): string[] {
  const start = Date.parse('2026-01-01T00:00:00Z');
  return Array.from({ length: n }, (_, i) => {
    const at = new Date(start + ++bodySeq).toISOString();
    return JSON.stringify({
      event: 'account.updated',
      account_id: accountIds[i % accountIds.length],
      provider: 'hibob',
      origin_owner_id: 'cust_bench',
      origin_owner_name: 'Bench Co',
      origin_username: null,
      project_id: 'sandbox-project',
      event_date: at,
      sent_at: at,
      status: 'active',
      label: null,
    });
  });
}

interface Run {
  perSecond: number;
  p50: number;
  p95: number;
  non200: number;
}

/** Sends every body with CONCURRENCY requests in flight; each signed beforehand, like a sender does. */
async function deliver(url: string, payloads: string[]): Promise<Run> {
  const signed = payloads.map((body) => ({ body, signature: sign(body) }));
  const latencies: number[] = [];
  let next = 0;
  let non200 = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < signed.length) {
        const { body, signature } = signed[next++]!;
        const t0 = performance.now();
        const res = await fetch(url, {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/json', 'x-stackone-signature': signature },
        });
        await res.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (res.status !== 200) non200++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: payloads.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    non200,
  };
}

const line = (label: string, r: Run) =>
  `${label.padEnd(46)} ${r.perSecond.toFixed(0).padStart(6)} /s   p50 ${r.p50.toFixed(1).padStart(6)} ms   p95 ${r.p95
    .toFixed(1)
    .padStart(6)} ms${r.non200 ? `   ${r.non200} not 200` : ''}`;

/** Deliveries posted straight to the receiver, against the signature-only baseline. */
async function measureIngest() {
  // Baseline: the same route, verifying the signature and nothing else.
  const baselineApp = new Hono().post('/webhooks/stackone', async (c) => {
    const raw = new Uint8Array(await c.req.arrayBuffer());
    if (!verifySignature(raw, c.req.header('x-stackone-signature'), [TEST_WEBHOOK_SECRET])) {
      return c.json({ error: { code: 'invalid_signature', message: 'bad signature' } }, 401);
    }
    return c.json({ received: true }, 200);
  });
  const baselineServer = serve({ fetch: baselineApp.fetch, port: 0 });
  await new Promise((resolve) => baselineServer.once('listening', resolve));
  const baselineUrl = `http://127.0.0.1:${(baselineServer.address() as AddressInfo).port}/webhooks/stackone`;

  const t = await startTestConsole({
    database: 'pglite',
    autoSync: false,
    sandbox: { accounts: ACCOUNTS, rateLimitPerMinute: 1_000_000 },
  });
  try {
    const consoleUrl = `${t.console.url}/webhooks/stackone`;
    const { db } = t.console.deps.database;
    // Counts the receiver's upstream re-reads (it looks the method up on this object at each call).
    const stackOne = t.console.deps.stackOne;
    const getAccount = stackOne.getAccount;
    let reads = 0;
    stackOne.getAccount = (id) => {
      reads++;
      return getAccount(id);
    };
    const ids: string[] = [];
    for (let page = 1; ids.length < ACCOUNTS; page++) {
      const res = await platformFetch(t.sandbox, `/accounts?page=${page}&page_size=100`);
      const items = (await res.json()) as { id: string }[];
      if (items.length === 0) break;
      ids.push(...items.map((a) => a.id));
    }
    console.log(
      `${DELIVERIES} signed deliveries at concurrency ${CONCURRENCY}; console on in-memory PGlite, sandbox with ${ids.length} accounts`,
    );

    await deliver(baselineUrl, bodies(ids, WARM_UP));
    await deliver(consoleUrl, bodies(ids.slice(0, HOT_ACCOUNTS), WARM_UP));

    const baseline = await deliver(baselineUrl, bodies(ids, DELIVERIES));
    console.log(line('baseline: verify signature only', baseline));

    const scenarios = [
      { label: `console: ${HOT_ACCOUNTS} hot accounts (re-reads coalesce)`, ids: ids.slice(0, HOT_ACCOUNTS) },
      { label: 'console: a different account each delivery', ids },
    ];
    for (const scenario of scenarios) {
      const payloads = bodies(scenario.ids, DELIVERIES);
      reads = 0;
      const run = await deliver(consoleUrl, payloads);
      const hashes = payloads.map(sha256);
      // The console answers once a delivery is stored and applies it right after: wait for the last.
      const counts = async () => {
        let stored = 0;
        let processed = 0;
        for (let i = 0; i < hashes.length; i += 1_000) {
          const chunk = hashes.slice(i, i + 1_000);
          stored += (
            await db.select({ n: count() }).from(webhookEvents).where(inArray(webhookEvents.bodyHash, chunk))
          )[0]!.n;
          processed += (
            await db
              .select({ n: count() })
              .from(webhookEvents)
              .where(
                and(
                  inArray(webhookEvents.bodyHash, chunk),
                  eq(webhookEvents.outcome, 'applied'),
                  isNotNull(webhookEvents.processedAt),
                ),
              )
          )[0]!.n;
        }
        return { stored, processed };
      };
      const drainStarted = performance.now();
      let { stored, processed } = await counts();
      while (processed < DELIVERIES && performance.now() - drainStarted < 120_000) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        ({ stored, processed } = await counts());
      }
      const drainMs = performance.now() - drainStarted;
      console.log(
        `${line(scenario.label, run)}   ${(baseline.perSecond / run.perSecond).toFixed(1)}× slower than baseline; stored ${stored}/${DELIVERIES}, applied ${processed} (the last ${drainMs.toFixed(0)} ms after the last answer), upstream reads ${reads}`,
      );
    }
  } finally {
    await t.close();
    baselineServer.close();
  }
}

const BROWSER_ACCOUNTS = 2_000;
const RATES = [10, 100];
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ISOLATED_CHANGES = 50;
const WARM_UP_CHANGES = 20;
/**
 * A change whose event has not arrived by then is reported as missing. Long, so that a backlog
 * drains into the figures instead of being cut off from them.
 */
const EVENT_TIMEOUT_MS = 120_000;
const GOAL_P95_MS = 1_000;

const quantiles = (samples: number[]) => {
  if (samples.length === 0) return 'none';
  const { p50, p95 } = summarize(samples);
  return `p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms`;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface ChangeRun {
  latencies: number[];
  /** How long the sandbox took to answer each break request. */
  breakAnswers: number[];
  /** Break requests the sandbox did not answer with 200, by status or error. */
  refused: Map<string, number>;
  /** Changes whose event did not reach the SSE client within EVENT_TIMEOUT_MS. */
  missing: number;
  /** The main threads of the three processes when the run began. */
  threadsBefore: Threads;
}

type Threads = Record<'console' | 'sandbox' | 'client', SchedStat | null>;

/** Sandbox account → SSE client of the console, over real HTTP with webhooks between them. */
async function measureWebhookToBrowser() {
  const stack = await startChildStack(BROWSER_ACCOUNTS, { webhooks: true });
  const sandbox = (path: string, init: RequestInit = {}) =>
    fetch(`${stack.sandboxUrl}${path}`, {
      ...init,
      headers: { authorization: basicAuth(), 'content-type': 'application/json' },
    });
  const waiting = new Map<string, (receivedAt: number) => void>();
  let sse: SseClient | undefined;
  try {
    sse = await openEventStream(stack.consoleUrl, stack.cookie, (event, receivedAt) => {
      if (event.type !== 'account.changed') return;
      waiting.get(event.accountId)?.(receivedAt);
      waiting.delete(event.accountId);
    });
    await waitForFirstSync(stack.consoleUrl, stack.cookie);
    const ids: string[] = [];
    for (let page = 1; ; page++) {
      const items = (await (await sandbox(`/accounts?page=${page}&page_size=100`)).json()) as {
        id: string;
      }[];
      ids.push(...items.map((a) => a.id));
      if (items.length < 100) break;
    }
    // Every change is on an account not changed before, so an event can only be that change's.
    let nextAccount = 0;
    const freshAccount = () => {
      const id = ids[nextAccount++];
      if (!id) throw new Error(`more than ${ids.length} changes: raise BROWSER_ACCOUNTS`);
      return id;
    };

    /** One change into `run`: its latency, or counted as refused or missing. */
    const change = (run: ChangeRun, id: string) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          run.missing++;
          resolve();
        }, EVENT_TIMEOUT_MS);
        const sentAt = performance.now();
        waiting.set(id, (receivedAt) => {
          clearTimeout(timer);
          run.latencies.push(receivedAt - sentAt);
          resolve();
        });
        const refused = (reason: string) => {
          clearTimeout(timer);
          waiting.delete(id);
          run.refused.set(reason, (run.refused.get(reason) ?? 0) + 1);
          resolve();
        };
        sandbox(`/_sandbox/accounts/${id}/break`, { method: 'POST', body: '{}' }).then(
          async (res) => {
            await res.arrayBuffer();
            run.breakAnswers.push(performance.now() - sentAt);
            if (res.status !== 200) refused(`HTTP ${res.status}`);
          },
          (err: Error) => refused(err.cause instanceof Error ? err.cause.message : err.message),
        );
      });

    const threads = (): Threads => ({
      console: schedStat(stack.consolePid),
      sandbox: schedStat(stack.sandboxPid),
      client: schedStat(process.pid),
    });
    const newRun = (): ChangeRun => ({
      latencies: [],
      breakAnswers: [],
      refused: new Map(),
      missing: 0,
      threadsBefore: threads(),
    });

    const oneAtATime = async (n: number) => {
      const run: ChangeRun = newRun();
      for (let i = 0; i < n; i++) await change(run, freshAccount());
      return run;
    };

    /** Changes sent on a fixed schedule whatever the answers, so that a slow console meets the full rate. */
    const atRate = async (perSecond: number) => {
      const run: ChangeRun = newRun();
      const n = perSecond * SECONDS;
      const started = performance.now();
      const changes: Promise<void>[] = [];
      for (let i = 0; i < n; i++) {
        const wait = started + (i * 1000) / perSecond - performance.now();
        if (wait > 0) await sleep(wait);
        changes.push(change(run, freshAccount()));
      }
      const sentPerSecond = (n - 1) / ((performance.now() - started) / 1000);
      await Promise.all(changes);
      return { run, sentPerSecond };
    };

    /** Where a change waits: for the sandbox, in its webhook queue, or for the console's answer. */
    const stages = async (run: ChangeRun, accountIds: Set<string>) => {
      const res = await sandbox('/_sandbox/webhooks/deliveries?limit=1000');
      const deliveries = ((await res.json()) as { data: WebhookDelivery[] }).data.filter(
        (d) => accountIds.has(d.account_id) && d.attempts.length > 0,
      );
      const queued = deliveries.map((d) => Date.parse(d.attempts[0]!.at) - Date.parse(d.created_at));
      const answered = deliveries.map((d) => d.attempts[0]!.duration_ms);
      const retried = deliveries.filter((d) => d.attempts.length > 1).length;
      return (
        `    sandbox answered the break ${quantiles(run.breakAnswers)}; ` +
        `its webhook queue ${quantiles(queued)}; console answered the webhook ${quantiles(answered)}` +
        `${retried ? `; ${retried} retried` : ''} (n=${deliveries.length})`
      );
    };

    /** Per change over a run, each main thread's CPU time and time waiting for a CPU (Linux only). */
    const threadUse = (before: Threads, changes: number) => {
      const after = threads();
      const parts = (Object.keys(after) as (keyof Threads)[]).flatMap((name) => {
        const [b, a] = [before[name], after[name]];
        if (!b || !a) return [];
        const per = (ms: number) => (ms / changes).toFixed(1);
        return [`${name} ${per(a.cpuMs - b.cpuMs)}/${per(a.waitMs - b.waitMs)}`];
      });
      return parts.length
        ? `    main thread ms per change on a CPU/waiting for one: ${parts.join(', ')}`
        : '';
    };

    const report = async (label: string, run: ChangeRun, accountIds: string[], extra = '') => {
      const use = threadUse(run.threadsBefore, accountIds.length);
      const problems = [
        run.missing ? `${run.missing} not received within ${EVENT_TIMEOUT_MS / 1000} s` : '',
        ...[...run.refused].map(([reason, n]) => `${n} breaks failed: ${reason}`),
      ].filter(Boolean);
      if (run.latencies.length === 0) {
        console.log(`${label.padEnd(58)} no event received (${problems.join(', ')})`);
        return;
      }
      const summary = summarize(run.latencies);
      const met = summary.p95 < GOAL_P95_MS && run.missing === 0 && run.refused.size === 0;
      printSummary(
        label,
        summary,
        [`goal p95 < ${GOAL_P95_MS} ms: ${met ? 'met' : 'missed'}`, extra, ...problems]
          .filter(Boolean)
          .join('; '),
      );
      console.log(await stages(run, new Set(accountIds)));
      if (use) console.log(use);
    };

    const database = process.env.BENCH_DATABASE_URL ? 'Postgres' : 'PGlite';
    console.log(
      `\nwebhook to browser: sandbox break → signed webhook → console (${database}) → GET /api/events; ` +
        `${ids.length} accounts, every change on a fresh one, ${SECONDS} s per rate`,
    );
    await oneAtATime(WARM_UP_CHANGES);

    const isolatedFrom = nextAccount;
    const isolated = await oneAtATime(ISOLATED_CHANGES);
    await report('0 events/s (one change at a time)', isolated, ids.slice(isolatedFrom, nextAccount));
    for (const perSecond of RATES) {
      const from = nextAccount;
      const { run, sentPerSecond } = await atRate(perSecond);
      await report(
        `${perSecond} events/s`,
        run,
        ids.slice(from, nextAccount),
        `sent at ${sentPerSecond.toFixed(1)}/s, max ${Math.max(...run.latencies).toFixed(0)} ms`,
      );
    }
  } finally {
    await sse?.close();
    await stack.close();
  }
}

const parts = process.argv.slice(2);
if (parts.length === 0 || parts.includes('ingest')) await measureIngest();
if (parts.length === 0 || parts.includes('browser')) await measureWebhookToBrowser();
