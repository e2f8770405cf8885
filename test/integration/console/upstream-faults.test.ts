import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FaultRule } from '../../../server/sandbox/http/faults.ts';
import { startTestConsole, type TestConsole } from '../../support/console.ts';
import { platformFetch } from '../../support/sandbox.ts';
import { waitUntil } from '../../support/webhook-receiver.ts';

const TIMEOUT_MS = 700;

// How the console copes with StackOne failing; the database kind plays no part.
describe('upstream faults', () => {
  let t: TestConsole;
  let accountId: string;
  let sandboxDown = false;

  beforeAll(async () => {
    t = await startTestConsole({
      autoSync: false,
      env: { STACKONE_TIMEOUT_MS: String(TIMEOUT_MS) },
      sandbox: { accounts: 10, webhookUrls: [] },
    });
    await t.console.deps.sync.runFull();
    const accounts = (await (await platformFetch(t.sandbox, '/accounts')).json()) as { id: string }[];
    accountId = accounts[0]!.id;
  });
  afterEach(async () => {
    if (sandboxDown) return;
    await platformFetch(t.sandbox, '/_sandbox/faults', { method: 'DELETE' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const addFault = async (rule: Record<string, unknown>) => {
    const res = await platformFetch(t.sandbox, '/_sandbox/faults', {
      method: 'POST',
      body: JSON.stringify(rule),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as FaultRule).id;
  };
  /** How many requests a rule answered (a rule with `times` is gone once used up). */
  const fired = async (id: string) => {
    const { data } = (await (await platformFetch(t.sandbox, '/_sandbox/faults')).json()) as {
      data: FaultRule[];
    };
    return data.find((r) => r.id === id)?.fired ?? 'removed';
  };
  const timed = async (path: string, init?: RequestInit) => {
    const started = performance.now();
    const res = await t.api(path, init);
    const body: unknown = await res.json();
    return { status: res.status, body, ms: performance.now() - started };
  };

  describe('health', () => {
    it('reports not ready, with the upstream status, while StackOne fails', async () => {
      await addFault({ path: '/connectors/meta', status: 503 });
      const { status, body } = await timed('/api/ready');
      expect(status).toBe(503);
      expect(body).toEqual({
        status: 'not_ready',
        database: { ok: true, error: null },
        upstream: { ok: false, error: 'StackOne answered 503: Service Unavailable (GET /connectors/meta)' },
      });
    });

    it('reports live and ready when the database and StackOne answer', async () => {
      const health = await timed('/api/health');
      expect(health).toMatchObject({ status: 200, body: { status: 'ok' } });
      const ready = await timed('/api/ready');
      expect(ready).toMatchObject({
        status: 200,
        body: { status: 'ready', database: { ok: true }, upstream: { ok: true } },
      });
    });
  });

  describe('retries', () => {
    it("fails a user's live read at once on a 429, naming when to retry, and sends Retry-After", async () => {
      const rule = await addFault({ path: '/requests/logs', status: 429, retryAfter: 1, times: 1 });
      const res = await t.api(`/api/accounts/${accountId}/logs`);
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('1');
      expect(await res.json()).toMatchObject({
        error: {
          code: 'rate_limited',
          message: expect.stringMatching(
            /^StackOne is rate limiting the console until \d\d:\d\d:\d\d UTC; try again in 1 s \(GET \/requests\/logs\)$/,
          ),
          upstream: { status: 429 },
        },
      });
      expect(await fired(rule)).toBe('removed');
      // The window StackOne asked for is over before the next test.
      await waitUntil(() => t.console.deps.stackOne.rateLimitedUntil() === null, {
        timeoutMs: 10_000,
        what: 'the 1 s rate limit to end',
      });
    });

    it('lets the sync wait out a short Retry-After and finish', async () => {
      const rule = await addFault({ path: '/accounts', status: 429, retryAfter: 1, times: 1 });
      const limits: string[] = [];
      const off = t.console.deps.stackOne.onRateLimited((until) => limits.push(until));
      try {
        await t.console.deps.sync.runFull();
      } finally {
        off();
      }
      expect(t.console.deps.sync.status()).toMatchObject({ state: 'idle', error: null });
      expect(await fired(rule)).toBe('removed');
      expect(limits).toHaveLength(1);
      await waitUntil(() => t.console.deps.stackOne.rateLimitedUntil() === null, {
        timeoutMs: 10_000,
        what: 'the 1 s rate limit to end',
      });
    });

    it('retries a persistent 503 on a read, then reports it with the upstream status', async () => {
      const rule = await addFault({ path: '/requests/logs', status: 503 });
      const { status, body } = await timed(`/api/accounts/${accountId}/logs`);
      expect(status).toBe(503);
      expect(body).toEqual({
        error: {
          code: 'upstream_unavailable',
          message: 'StackOne answered 503: Service Unavailable (GET /requests/logs)',
          upstream: { status: 503, requestId: null },
        },
      });
      expect(await fired(rule)).toBe(3);
    });

    it('never retries creating a connect session', async () => {
      const rule = await addFault({ path: '/connect_sessions', method: 'POST', status: 503 });
      const { status, body } = await timed('/api/connect-sessions', {
        method: 'POST',
        body: JSON.stringify({ originOwnerId: 'cust_1', originOwnerName: 'Acme', provider: 'hibob' }),
      });
      expect(status).toBe(503);
      expect(body).toMatchObject({
        error: { message: 'StackOne answered 503: Service Unavailable (POST /connect_sessions)' },
      });
      expect(await fired(rule)).toBe(1);

      const forAccount = await timed(`/api/accounts/${accountId}/connect-session`, {
        method: 'POST',
        body: JSON.stringify({ purpose: 'hub' }),
      });
      expect(forAccount.status).toBe(503);
      expect(await fired(rule)).toBe(2);
    });
  });

  describe('timeouts', () => {
    it(`answers 504 when StackOne takes longer than STACKONE_TIMEOUT_MS (${TIMEOUT_MS} ms)`, async () => {
      await addFault({ path: '/requests/logs', latencyMs: 3 * TIMEOUT_MS });
      const { status, body } = await timed(`/api/accounts/${accountId}/logs`);
      expect(status).toBe(504);
      expect(body).toEqual({
        error: {
          code: 'upstream_timeout',
          // Three attempts (two retries): the message says so, and how long it all took.
          message: expect.stringMatching(
            new RegExp(
              `^StackOne did not answer GET /requests/logs in time \\(3 attempts of ${TIMEOUT_MS} ms, \\d+\\.\\d s in all\\)$`,
            ),
          ),
          upstream: { status: null, requestId: null },
        },
      });
    });

    it('answers the indexed account marked stale when StackOne is too slow', async () => {
      await addFault({ path: `/accounts/${accountId}`, latencyMs: 3 * TIMEOUT_MS });
      const { status, body } = await timed(`/api/accounts/${accountId}`);
      expect(status).toBe(200);
      expect(body).toMatchObject({
        stale: true,
        staleReason: expect.stringMatching(
          new RegExp(
            `^StackOne did not answer GET /accounts/${accountId} in time \\(\\d attempts? of ${TIMEOUT_MS} ms, `,
          ),
        ),
        account: { id: accountId },
      });
    });
  });

  // Last: it takes the sandbox down.
  describe('StackOne unreachable', () => {
    it('answers the indexed account marked stale and a clear 503 elsewhere', async () => {
      await t.sandbox.close();
      sandboxDown = true;
      const detail = await timed(`/api/accounts/${accountId}`);
      expect(detail.status).toBe(200);
      expect(detail.body).toMatchObject({
        stale: true,
        staleReason: expect.stringMatching(/^StackOne is unreachable \(GET \/accounts\/\d+\): /),
      });
      const logs = await timed(`/api/accounts/${accountId}/logs`);
      expect(logs.status).toBe(503);
      expect(logs.body).toMatchObject({
        error: {
          code: 'upstream_unavailable',
          message: expect.stringMatching(/^StackOne is unreachable \(GET \/requests\/logs\)/),
        },
      });
      const list = await timed('/api/accounts');
      expect(list).toMatchObject({ status: 200, body: { total: 10 } });
    });
  });
});
