import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FaultRule } from '../../../server/sandbox/http/faults.ts';
import type { RunningSandbox } from '../../../server/sandbox/start-sandbox.ts';
import { platformFetch, startTestSandbox } from '../../support/sandbox.ts';
import { startWebhookReceiver, waitUntil, type WebhookReceiver } from '../../support/webhook-receiver.ts';

let receiver: WebhookReceiver;
let sandbox: RunningSandbox;

beforeAll(async () => {
  receiver = await startWebhookReceiver({ secrets: ['s3cret'] });
  sandbox = await startTestSandbox({ webhookUrls: [receiver.url], webhookSecret: 's3cret' });
});

afterEach(async () => {
  await control('/reset', { method: 'POST' });
});

afterAll(async () => {
  await sandbox?.close();
  await receiver?.close();
});

const control = (path: string, init: RequestInit = {}) => platformFetch(sandbox, `/_sandbox${path}`, init);

async function addFault(rule: Record<string, unknown>): Promise<FaultRule> {
  const res = await control('/faults', { method: 'POST', body: JSON.stringify(rule) });
  expect(res.status).toBe(201);
  return (await res.json()) as FaultRule;
}

/** The logo route lives in the sandbox core: a public 200 that needs no key. */
const LOGO = '/logos/hibob.svg';
const get = (path: string) => platformFetch(sandbox, path);

const timed = async (path: string) => {
  const started = performance.now();
  const res = await get(path);
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - started };
};

describe('fault injection', () => {
  it('adds latency to matching requests only', async () => {
    await addFault({ path: '/logos', latencyMs: 5_000 });
    // Order, not a clock: a request the fault does not match answers while the held one still waits.
    let slowAnswered = false;
    const slowRequest = timed(LOGO).finally(() => {
      slowAnswered = true;
    });
    const fast = await timed('/accounts?page_size=1');
    expect(fast.status).toBe(200);
    expect(slowAnswered).toBe(false);
    const slow = await slowRequest;
    expect(slow).toMatchObject({ status: 200 });
    expect(slow.ms).toBeGreaterThanOrEqual(4_990);
  });

  it('answers 503 with the StackOne error body on every matching request at rate 1', async () => {
    await addFault({ path: '/accounts', status: 503, rate: 1 });
    for (let i = 0; i < 5; i++) {
      const res = await get('/accounts');
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({
        statusCode: 503,
        message: 'Service Unavailable',
        timestamp: expect.any(String),
      });
    }
    expect((await get(LOGO)).status).toBe(200);
  });

  it('answers 429 with Retry-After and the error body', async () => {
    await addFault({ path: '/accounts', method: 'GET', status: 429, retryAfter: 7 });
    const res = await get('/accounts');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({
      statusCode: 429,
      message: 'Too Many Requests',
      timestamp: expect.any(String),
    });
  });

  it('removes a rule after it has fired the given number of times', async () => {
    await addFault({ path: '/logos', status: 500, times: 2 });
    expect((await get(LOGO)).status).toBe(500);
    expect((await get(LOGO)).status).toBe(500);
    expect((await get(LOGO)).status).toBe(200);
    expect(await (await control('/faults')).json()).toEqual({ data: [] });
  });

  it('lists and deletes rules one by one or all at once', async () => {
    const first = await addFault({ path: '/logos', status: 502 });
    await addFault({ path: '/accounts', latencyMs: 10 });
    const listed = (await (await control('/faults')).json()) as { data: FaultRule[] };
    expect(listed.data.map((r) => r.path)).toEqual(['/logos', '/accounts']);
    expect(listed.data[0]).toMatchObject({ id: first.id, status: 502, rate: 1, retryAfter: 1, fired: 0 });

    expect((await control(`/faults/${first.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await get(LOGO)).status).toBe(200);
    const missing = await control(`/faults/${first.id}`, { method: 'DELETE' });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({
      statusCode: 404,
      message: expect.stringContaining(first.id),
    });

    const cleared = await control('/faults', { method: 'DELETE' });
    expect(await cleared.json()).toEqual({ removed: 1 });
  });

  it('never applies to the control API, so faults can always be switched off', async () => {
    await addFault({ status: 503 });
    expect((await get(LOGO)).status).toBe(503);
    expect((await control('/faults')).status).toBe(200);
  });

  it('rejects rules with an unsupported status, a rate above 1 or nothing to inject', async () => {
    for (const rule of [
      { status: 418 },
      { status: 500, rate: 2 },
      { path: '/accounts' },
      { path: 'accounts', status: 500 },
    ]) {
      const res = await control('/faults', { method: 'POST', body: JSON.stringify(rule) });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ statusCode: 400, timestamp: expect.any(String) });
    }
    expect(await (await control('/faults')).json()).toEqual({ data: [] });
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After once a key has used up its requests for the minute', async () => {
    const set = await control('/rate-limit', { method: 'PUT', body: JSON.stringify({ perMinute: 3 }) });
    expect(await set.json()).toEqual({ perMinute: 3 });
    for (let i = 0; i < 3; i++) expect((await get('/accounts?page_size=1')).status).toBe(200);

    const limited = await get('/accounts?page_size=1');
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await limited.json()).toMatchObject({ statusCode: 429, message: 'Too Many Requests' });
    // The control API is not rate limited.
    expect((await control('/state')).status).toBe(200);
  });

  it('rejects a limit that is not a positive integer', async () => {
    for (const perMinute of [0, 1.5, 'ten']) {
      const res = await control('/rate-limit', { method: 'PUT', body: JSON.stringify({ perMinute }) });
      expect(res.status).toBe(400);
    }
    expect(await (await control('/rate-limit')).json()).toEqual({ perMinute: 1000 });
  });
});

describe('reset and state', () => {
  it('restores the seed, clears faults and the rate limit, and fires no webhook', async () => {
    const { store } = sandbox.context;
    const target = store.listAccounts().find((a) => a.status === 'active')!;
    await control(`/accounts/${target.id}/break`, { method: 'POST' });
    const created = await control('/accounts', {
      method: 'POST',
      body: JSON.stringify({ provider: 'hibob', origin_owner_id: 'c', origin_owner_name: 'C' }),
    });
    const { id: createdId } = (await created.json()) as { id: string };
    await addFault({ path: '/logos', status: 500 });
    await control('/rate-limit', { method: 'PUT', body: JSON.stringify({ perMinute: 5 }) });
    await waitUntil(() => receiver.accepted().length >= 2, { what: 'the two events before the reset' });
    const before = receiver.requests.length;

    const res = await control('/reset', { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      accounts: { total: 60 },
      faults: 0,
      rate_limit_per_minute: 1000,
      webhooks: { endpoints: 1 },
    });
    expect(store.getAccount(target.id)!.status).toBe('active');
    expect((await platformFetch(sandbox, `/accounts/${createdId}`)).status).toBe(404);
    expect((await get(LOGO)).status).toBe(200);

    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(receiver.requests.length).toBe(before);
  });

  it('summarises accounts by status, sessions and deliveries', async () => {
    const res = await control('/state');
    expect(res.status).toBe(200);
    const state = (await res.json()) as {
      accounts: { total: number; active: number; inactive: number; error: number };
      sessions: { total: number; live: number };
      webhooks: { deliveries: { total: number; pending: number; delivered: number; failed: number } };
    };
    const { accounts, webhooks } = state;
    expect(accounts.total).toBe(60);
    expect(accounts.active + accounts.inactive + accounts.error).toBe(60);
    expect(accounts.error).toBeGreaterThan(0);
    expect(state.sessions).toEqual({ total: 0, live: 0 });
    expect(webhooks.deliveries.total).toBe(
      webhooks.deliveries.pending + webhooks.deliveries.delivered + webhooks.deliveries.failed,
    );
  });
});
