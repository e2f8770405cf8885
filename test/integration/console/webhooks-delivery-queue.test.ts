import { createHash, createHmac } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Database, type DatabaseConfig } from '../../../server/db/client.ts';
import { accounts, webhookEvents } from '../../../server/db/schema.ts';
import { createWebhookClaims } from '../../../server/webhooks/webhook-claims.ts';
import { createWebhookDeliveries } from '../../../server/webhooks/webhook-deliveries.ts';
import {
  freshDatabase,
  startTestConsole,
  TEST_DATABASES,
  TEST_WEBHOOK_SECRET,
  type TestConsole,
} from '../../support/console.ts';
import { basicAuthHeader, platformFetch } from '../../support/sandbox.ts';
import { waitUntil } from '../../support/webhook-receiver.ts';

/*
 * The webhook receiver as a durable queue (issues 8 and 9): every delivery is stored and answered
 * before it is applied, applied through per-account coalescing (a duplicate is harmless, a drop is
 * not), retried with backoff when StackOne fails the re-read, and recovered after a crash.
 */

const sign = (body: string) => createHmac('sha256', TEST_WEBHOOK_SECRET).update(body).digest('base64url');
const sha256 = (body: string) => createHash('sha256').update(body).digest('hex');
/** A bare body, as the `bare-webhooks` dialect sends it: no dates, so two updates are byte-identical. */
const bareBody = (accountId: string, event = 'account.updated') =>
  JSON.stringify({ event, account_id: accountId });

describe.each(TEST_DATABASES)('the webhook delivery queue on $name', ({ kind }) => {
  let t: TestConsole;
  let ids: string[];
  let next = 0;
  const freshAccount = () => ids[next++]!;

  const db = () => t.console.deps.database.db;
  const postSigned = (body: string) =>
    fetch(`${t.console.url}/webhooks/stackone`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'x-stackone-signature': sign(body) },
    });
  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${t.sandbox.url}/_sandbox${path}`, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: { 'content-type': 'application/json', authorization: basicAuthHeader(t.sandbox.apiKey) },
    });
    expect(res.status).toBeLessThan(300);
    return res.status === 204 ? null : ((await res.json()) as Record<string, unknown>);
  };
  const addFault = async (rule: Record<string, unknown>) =>
    (await control('POST', '/faults', rule))!.id as string;
  const removeFault = (id: string) =>
    fetch(`${t.sandbox.url}/_sandbox/faults/${id}`, {
      method: 'DELETE',
      headers: { authorization: basicAuthHeader(t.sandbox.apiKey) },
    });
  const rowsOf = (accountId: string) =>
    db()
      .select()
      .from(webhookEvents)
      .where(eq(webhookEvents.accountId, accountId))
      .orderBy(asc(webhookEvents.id));
  const statusOf = async (accountId: string) =>
    (await db().select({ status: accounts.status }).from(accounts).where(eq(accounts.id, accountId)))[0]
      ?.status;
  const settled = (accountId: string, n: number) =>
    waitUntil(
      async () => {
        const rows = await rowsOf(accountId);
        return rows.length === n && rows.every((r) => r.outcome !== 'pending') ? rows : null;
      },
      { what: `${n} deliveries of ${accountId} settled`, timeoutMs: 60_000 },
    );

  beforeAll(async () => {
    t = await startTestConsole({
      database: kind,
      autoSync: false,
      // The sandbox sends no webhooks: each test sends its own, to control what arrives when.
      sandbox: { webhookUrls: [] },
      webhookQueue: { retry: { baseDelayMs: 100, maxDelayMs: 500, maxAttempts: 3 } },
    });
    const listed = await platformFetch(t.sandbox, '/accounts?page_size=100');
    ids = ((await listed.json()) as { id: string }[]).map((a) => a.id);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('ends break → repair, sent as two byte-identical bare bodies, with the account active', async () => {
    const id = freshAccount();
    const body = bareBody(id);
    await control('POST', `/accounts/${id}/break`, { status: 'error', code: 'token_expired' });
    expect((await postSigned(body)).status).toBe(200);
    await waitUntil(async () => (await statusOf(id)) === 'error', { what: 'the break applied' });

    await control('POST', `/accounts/${id}/repair`);
    expect((await postSigned(body)).status).toBe(200);
    await waitUntil(async () => (await statusOf(id)) === 'active', { what: 'the repair applied' });

    // Every delivery is kept for inspection, the duplicate too.
    const rows = await settled(id, 2);
    expect(rows.map((r) => [r.outcome, r.bodyHash])).toEqual([
      ['applied', sha256(body)],
      ['applied', sha256(body)],
    ]);
  });

  it('ends active when the repair arrives while the break is still being applied', async () => {
    const id = freshAccount();
    const body = bareBody(id);
    await control('POST', `/accounts/${id}/break`, {});
    const first = postSigned(body);
    await control('POST', `/accounts/${id}/repair`);
    const second = postSigned(body);
    expect([(await first).status, (await second).status]).toEqual([200, 200]);
    await settled(id, 2);
    expect(await statusOf(id)).toBe('active');
  });

  // Its own budget: the held re-read ends only at the console's timeout (10 s a try, its retries
  // included), then the queue applies it; past 30 s on a busy machine.
  it(
    'answers 200 before applying: the re-read is held by StackOne and the delivery is stored pending',
    { timeout: 120_000 },
    async () => {
      const id = freshAccount();
      await control('POST', `/accounts/${id}/break`, {});
      // Every re-read of the account hangs until the console's timeout while the fault is on.
      const fault = await addFault({ path: `/accounts/${id}`, method: 'GET', latencyMs: 30_000 });
      try {
        const body = bareBody(id);
        const res = await postSigned(body);
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({ received: true });
        const [row] = await rowsOf(id);
        expect(row).toMatchObject({ outcome: 'pending', processedAt: null });
        // The re-read was started, and is held.
        await waitUntil(
          async () => {
            const faults = (await control('GET', '/faults'))!.data as { id: string; fired: number }[];
            return faults.find((f) => f.id === fault)!.fired > 0;
          },
          { what: 'the re-read to reach StackOne' },
        );
        expect(await statusOf(id)).toBeUndefined();
      } finally {
        await removeFault(fault);
      }
      const [row] = await settled(id, 1);
      expect(row).toMatchObject({ outcome: 'applied', error: null });
      expect(await statusOf(id)).toBe('error');
    },
  );

  it.each([
    // The client's own retries use up part of each rule: 3 tries a call for 503; a background call
    // waits out up to 5 429s (6 tries), so 8 make the first re-read fail and the queue retry it.
    { status: 429, times: 8, extra: { retryAfter: 0 } },
    { status: 503, times: 5, extra: {} },
    { status: 500, times: 2, extra: {} },
  ])(
    'retries a delivery whose re-read StackOne fails with $status and applies it',
    async ({ status, times, extra }) => {
      const id = freshAccount();
      await control('POST', `/accounts/${id}/break`, {});
      const fault = await addFault({ path: `/accounts/${id}`, method: 'GET', status, times, ...extra });
      try {
        expect((await postSigned(bareBody(id))).status).toBe(200);
        const [row] = await settled(id, 1);
        expect(row).toMatchObject({ outcome: 'applied', error: null, nextAttemptAt: null });
        expect(row!.attempts).toBeGreaterThanOrEqual(1);
        expect(await statusOf(id)).toBe('error');
      } finally {
        await removeFault(fault);
      }
    },
  );

  it('gives a delivery up as failed after its attempts, error kept; a later event applies the account', async () => {
    const id = freshAccount();
    await control('POST', `/accounts/${id}/break`, {});
    const fault = await addFault({ path: `/accounts/${id}`, method: 'GET', status: 500 });
    try {
      expect((await postSigned(bareBody(id))).status).toBe(200);
      const [row] = await settled(id, 1);
      expect(row).toMatchObject({ outcome: 'failed', attempts: 3 });
      expect(row!.error).toContain('500');
      expect(row!.processedAt).not.toBeNull();
    } finally {
      await removeFault(fault);
    }
    expect((await postSigned(bareBody(id))).status).toBe(200);
    const rows = await settled(id, 2);
    expect(rows.map((r) => r.outcome)).toEqual(['failed', 'applied']);
    expect(await statusOf(id)).toBe('error');
  });

  it('does not start, when closed, the reads queued behind a held one: their rows stay pending for the next start', async () => {
    const { database, stackOne, bus, accountReads } = t.console.deps;
    // One read at a time, and a short lease so that on Postgres the next instance may take the rows.
    const options = {
      retry: { baseDelayMs: 100, maxDelayMs: 500, maxAttempts: 3 },
      leaseMs: 1_000,
      concurrency: 1,
    };
    const accept = (deliveries: ReturnType<typeof createWebhookDeliveries>, id: string) =>
      deliveries.accept(new TextEncoder().encode(bareBody(id)), { event: 'account.updated', account_id: id });
    const held = freshAccount();
    const backlog = [freshAccount(), freshAccount(), freshAccount()];
    const first = createWebhookDeliveries({ database, stackOne, bus, accountReads }, options);
    const fault = await addFault({ path: `/accounts/${held}`, method: 'GET', latencyMs: 2_000, times: 1 });
    try {
      await accept(first, held);
      await waitUntil(
        async () => {
          const faults = (await control('GET', '/faults'))!.data as { id: string; fired: number }[];
          return faults.find((f) => f.id === fault)?.fired !== 0;
        },
        { what: 'the held re-read to reach StackOne' },
      );
      for (const id of backlog) await accept(first, id);
      expect(first.queued()).toBe(backlog.length);
      await first.close();
    } finally {
      await removeFault(fault);
    }
    // The read in progress finished; the backlog was never read, and is still to apply.
    expect((await rowsOf(held))[0]).toMatchObject({ outcome: 'applied' });
    for (const id of backlog) expect(await rowsOf(id)).toMatchObject([{ outcome: 'pending' }]);

    const next = createWebhookDeliveries({ database, stackOne, bus, accountReads }, options);
    try {
      await next.start();
      for (const id of backlog) {
        // Postgres: the rows are taken once the closed instance's lease has lapsed.
        await waitUntil(
          async () => {
            await next.recover();
            const rows = await rowsOf(id);
            return rows.every((r) => r.outcome !== 'pending') ? rows : null;
          },
          { what: `the delivery of ${id} applied by the next start`, timeoutMs: 60_000 },
        );
        expect(await rowsOf(id)).toMatchObject([{ outcome: 'applied' }]);
      }
    } finally {
      await next.close();
    }
  });

  it('records a given-up delivery as failed even when the first write of that outcome fails', async () => {
    const { database, stackOne, bus, accountReads } = t.console.deps;
    // The database refuses the first outcome written (the only raw statement this instance runs here).
    let refused = 0;
    const db = new Proxy(database.db, {
      get(target, prop) {
        if (prop === 'execute')
          return (query: Parameters<typeof target.execute>[0]) => {
            if (refused++ === 0) return Promise.reject(new Error('the database is down'));
            return target.execute(query);
          };
        const value: unknown = Reflect.get(target, prop, target);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const deliveries = createWebhookDeliveries(
      { database: { ...database, db }, stackOne, bus, accountReads },
      { retry: { baseDelayMs: 100, maxDelayMs: 500, maxAttempts: 1 }, leaseMs: 30_000, concurrency: 8 },
    );
    const id = freshAccount();
    const fault = await addFault({ path: `/accounts/${id}`, method: 'GET', status: 500 });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      await deliveries.accept(new TextEncoder().encode(bareBody(id)), {
        event: 'account.updated',
        account_id: id,
      });
      const [row] = await settled(id, 1);
      expect(refused).toBeGreaterThan(1);
      expect(row).toMatchObject({ outcome: 'failed', claimedBy: null });
      expect(row!.error).toContain('500');
      expect(deliveries.queued()).toBe(0);
    } finally {
      logged.mockRestore();
      await removeFault(fault);
      await deliveries.close();
    }
  });

  it('applies at start what a crashed process stored and answered but never applied', async () => {
    const crashed = freshAccount();
    const unclaimed = freshAccount();
    await control('POST', `/accounts/${crashed}/break`, {});
    await control('POST', `/accounts/${unclaimed}/break`, { status: 'inactive' });
    const pendingRows = (database: Database) =>
      database.db.insert(webhookEvents).values([
        {
          bodyHash: sha256(bareBody(crashed)),
          event: 'account.updated',
          accountId: crashed,
          payload: { event: 'account.updated', account_id: crashed },
          claimedBy: 'a-process-that-crashed',
          // On Postgres its lease has lapsed; on PGlite the process that holds DATA_DIR owns every row.
          claimedAt: kind === 'postgres' ? sql`now() - interval '1 hour'` : sql`now()`,
        },
        {
          bodyHash: sha256(bareBody(unclaimed)),
          event: 'account.updated',
          accountId: unclaimed,
          payload: { event: 'account.updated', account_id: unclaimed },
        },
      ]);

    if (kind === 'pglite') {
      // In memory: the rows go in now (nothing sweeps on PGlite), then the data directory as it is
      // at the "crash" is where the next console starts from.
      await pendingRows(t.console.deps.database);
      const client = (db() as unknown as { $client: PGlite }).$client;
      const dump = await client.dumpDataDir('none');
      const database: DatabaseConfig = { kind: 'memory', template: dump };
      await t.restartConsole({ database });
    } else {
      await t.restartConsole({
        whileStopped: async () => {
          const database = await openDatabase(t.database);
          try {
            await pendingRows(database);
          } finally {
            await database.close();
          }
        },
      });
    }

    expect((await settled(crashed, 1))[0]).toMatchObject({ outcome: 'applied', claimedBy: null });
    expect((await settled(unclaimed, 1))[0]).toMatchObject({ outcome: 'applied' });
    expect(await statusOf(crashed)).toBe('error');
    expect(await statusOf(unclaimed)).toBe('inactive');
  });
});

describe.each(TEST_DATABASES)("the sandbox's own bare webhooks on $name", ({ kind }) => {
  let t: TestConsole;

  beforeAll(async () => {
    t = await startTestConsole({ database: kind, autoSync: false, sandbox: { dialects: ['bare-webhooks'] } });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('applies break → repair, two byte-identical signed deliveries, and ends active', async () => {
    const listed = await platformFetch(t.sandbox, '/accounts?page_size=1');
    const id = ((await listed.json()) as { id: string }[])[0]!.id;
    const control = (path: string) =>
      platformFetch(t.sandbox, `/_sandbox/accounts/${id}${path}`, { method: 'POST', body: '{}' });
    const rows = () =>
      t.console.deps.database.db
        .select()
        .from(webhookEvents)
        .where(eq(webhookEvents.accountId, id))
        .orderBy(asc(webhookEvents.id));

    expect((await control('/break')).status).toBe(200);
    expect((await control('/repair')).status).toBe(200);
    const delivered = await waitUntil(
      async () => {
        const r = await rows();
        return r.length === 2 && r.every((row) => row.outcome !== 'pending') ? r : null;
      },
      { what: 'both deliveries applied', timeoutMs: 30_000 },
    );
    expect(delivered.map((r) => r.outcome)).toEqual(['applied', 'applied']);
    expect(delivered[0]!.bodyHash).toBe(delivered[1]!.bodyHash);
    expect(delivered[0]!.payload).toEqual({ event: 'account.updated', account_id: id });
    const [row] = await t.console.deps.database.db
      .select({ status: accounts.status })
      .from(accounts)
      .where(eq(accounts.id, id));
    expect(row?.status).toBe('active');
  });
});

describe.each(TEST_DATABASES)('claims on pending webhook rows on $name', ({ kind }) => {
  let fresh: Awaited<ReturnType<typeof freshDatabase>>;
  const handles: Database[] = [];

  beforeAll(async () => {
    fresh = await freshDatabase(kind);
    // Two processes on Postgres; PGlite belongs to one process, so both claimers share it.
    handles.push(await openDatabase(fresh.config));
    handles.push(kind === 'postgres' ? await openDatabase(fresh.config) : handles[0]!);
  });

  afterAll(async () => {
    for (const h of new Set(handles)) await h.close();
    await fresh?.drop();
  });

  it('splits the pending rows between processes claiming together, and takes over a lapsed lease', async () => {
    const rows = Array.from({ length: 1_200 }, (_, i) => ({
      bodyHash: `h${i}`,
      event: 'account.updated',
      accountId: `acc_${i % 7}`,
      payload: {},
    }));
    await handles[0]!.db.insert(webhookEvents).values(rows);
    const a = createWebhookClaims(handles[0]!.db, 'process-a', 30_000);
    const b = createWebhookClaims(handles[1]!.db, 'process-b', 30_000);

    const claimedBy = { a: [] as number[], b: [] as number[] };
    const drain = async (claims: typeof a, into: number[]) => {
      for (;;) {
        const got = await claims.claim(false);
        into.push(...got.map((r) => r.id));
        if (got.length === 0) return;
      }
    };
    await Promise.all([drain(a, claimedBy.a), drain(b, claimedBy.b)]);
    const all = [...claimedBy.a, ...claimedBy.b];
    expect(all).toHaveLength(1_200);
    expect(new Set(all).size).toBe(1_200);

    // Held leases are not taken; renewed ones neither.
    await a.renew();
    expect(await b.claim(false)).toEqual([]);
    // Process a died: once its lease has lapsed, b takes its rows over.
    await handles[0]!.db.execute(
      sql`update webhook_events set claimed_at = now() - interval '1 hour' where claimed_by = 'process-a'`,
    );
    const takenOver: number[] = [];
    await drain(b, takenOver);
    expect(takenOver.sort((x, y) => x - y)).toEqual(claimedBy.a.sort((x, y) => x - y));
  });

  it('renews only the leases past half their term, not every held row at every renewal', async () => {
    await handles[0]!.db.insert(webhookEvents).values(
      ['fresh', 'old'].map((name) => ({
        bodyHash: name,
        event: 'account.updated',
        accountId: `renew_${name}`,
        payload: {},
        claimedBy: 'process-c',
      })),
    );
    await handles[0]!.db.execute(sql`
      update webhook_events set claimed_at = case when account_id = 'renew_old'
        then now() - interval '20 seconds' else now() - interval '5 seconds' end
      where claimed_by = 'process-c'`);
    const before = await handles[0]!.db
      .select({ accountId: webhookEvents.accountId, claimedAt: webhookEvents.claimedAt })
      .from(webhookEvents)
      .where(eq(webhookEvents.claimedBy, 'process-c'))
      .orderBy(asc(webhookEvents.accountId));
    await createWebhookClaims(handles[0]!.db, 'process-c', 30_000).renew();
    const after = await handles[0]!.db
      .select({ accountId: webhookEvents.accountId, claimedAt: webhookEvents.claimedAt })
      .from(webhookEvents)
      .where(eq(webhookEvents.claimedBy, 'process-c'))
      .orderBy(asc(webhookEvents.accountId));
    expect(after.map((r) => r.accountId)).toEqual(['renew_fresh', 'renew_old']);
    // 5 s into a 30 s lease: left as it is. 20 s into it: renewed.
    expect(after[0]!.claimedAt).toEqual(before[0]!.claimedAt);
    expect(new Date(after[1]!.claimedAt!).getTime()).toBeGreaterThan(
      new Date(before[1]!.claimedAt!).getTime(),
    );
  });
});
