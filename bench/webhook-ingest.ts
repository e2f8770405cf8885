/**
 * Signed webhook deliveries per second that the console accepts with none lost, on PGlite, against a
 * baseline in the same run: a bare Hono endpoint that only verifies the signature. The ratio is the
 * cost of durable storage + apply (upstream re-read, index upsert, publish).
 * Run: npx tsx bench/webhook-ingest.ts — prints figures, asserts nothing.
 */
import { createHash, createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { and, count, eq, inArray, isNotNull } from 'drizzle-orm';
import { Hono } from 'hono';
import { webhookEvents } from '../server/db/schema.ts';
import { verifySignature } from '../server/webhooks/verify-signature.ts';
import { startTestConsole, TEST_WEBHOOK_SECRET } from '../test/support/console.ts';
import { platformFetch } from '../test/support/sandbox.ts';

const DELIVERIES = 5_000;
const CONCURRENCY = 50;
const WARM_UP = 300;
const ACCOUNTS = 5_000;
const HOT_ACCOUNTS = 10;

const sign = (body: string) => createHmac('sha256', TEST_WEBHOOK_SECRET).update(body).digest('base64url');
const sha256 = (body: string) => createHash('sha256').update(body).digest('hex');
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

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
    console.log(
      `${line(scenario.label, run)}   ${(baseline.perSecond / run.perSecond).toFixed(1)}× slower than baseline; stored ${stored}/${DELIVERIES}, applied ${processed}, upstream reads ${reads}`,
    );
  }
} finally {
  await t.close();
  baselineServer.close();
}
