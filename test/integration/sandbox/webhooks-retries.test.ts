import { afterEach, describe, expect, it } from 'vitest';
import type { SandboxOptions } from '../../../server/sandbox/config.ts';
import type { SandboxAccount, WebhookDelivery } from '../../../server/sandbox/model.ts';
import type { RunningSandbox } from '../../../server/sandbox/start-sandbox.ts';
import { platformFetch, startTestSandbox } from '../../support/sandbox.ts';
import { startWebhookReceiver, waitUntil, type WebhookReceiver } from '../../support/webhook-receiver.ts';

const SECRET = 's3cret';
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(options: Partial<SandboxOptions> = {}, url?: string) {
  const receiver = await startWebhookReceiver({ secrets: [SECRET] });
  cleanups.push(() => receiver.close());
  const sandbox = await startTestSandbox({
    webhookUrls: [url ?? receiver.url],
    webhookSecret: SECRET,
    ...options,
  });
  cleanups.push(() => sandbox.close());
  return { receiver, sandbox };
}

/** Breaks the first seeded account through the control API, which fires one account.updated. */
async function breakAnAccount(sandbox: RunningSandbox): Promise<SandboxAccount> {
  const account = sandbox.context.store.listAccounts()[0]!;
  const res = await platformFetch(sandbox, `/_sandbox/accounts/${account.id}/break`, {
    method: 'POST',
    body: '{}',
  });
  expect(res.status).toBe(200);
  return account;
}

const finishedDelivery = (sandbox: RunningSandbox, accountId: string, timeoutMs = 5_000) =>
  waitUntil(
    async () => {
      const res = await platformFetch(sandbox, `/_sandbox/webhooks/deliveries?account_id=${accountId}`);
      const { data } = (await res.json()) as { data: WebhookDelivery[] };
      return data[0] && data[0].state !== 'pending' ? data[0] : null;
    },
    { timeoutMs, what: 'a finished delivery' },
  );

const requestsFor = (receiver: WebhookReceiver, accountId: string) =>
  receiver.requests.filter((r) => r.json?.account_id === accountId);

describe('webhook retries', () => {
  it('retries a delivery the receiver rejects and logs every attempt until it is delivered', async () => {
    const { receiver, sandbox } = await setup();
    receiver.failNext(2, 500);
    const account = await breakAnAccount(sandbox);

    const delivery = await finishedDelivery(sandbox, account.id);
    expect(delivery.state).toBe('delivered');
    expect(delivery.attempts.map((a) => a.status)).toEqual([500, 500, 200]);
    expect(delivery.attempts[0]!.error).toMatch(/^HTTP 500/);
    expect(delivery.attempts[2]!.error).toBeNull();
    // Configured delays are 100 ms then 200 ms.
    const times = delivery.attempts.map((a) => Date.parse(a.at));
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(90);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(190);

    const received = requestsFor(receiver, account.id);
    expect(received.map((r) => r.status)).toEqual([500, 500, 200]);
    // A retry resends the same bytes and signature, so receivers can deduplicate on the body hash.
    expect(new Set(received.map((r) => r.body)).size).toBe(1);
    expect(new Set(received.map((r) => r.headers['x-stackone-signature'])).size).toBe(1);
    expect(received.every((r) => r.signatureValid)).toBe(true);
  });

  it('marks a delivery failed after the configured attempts when the receiver keeps failing', async () => {
    const { receiver, sandbox } = await setup({ webhookRetryDelaysMs: [50, 50, 50] });
    receiver.failAlways(503);
    const account = await breakAnAccount(sandbox);

    const delivery = await finishedDelivery(sandbox, account.id);
    expect(delivery.state).toBe('failed');
    expect(delivery.attempts).toHaveLength(4);
    expect(delivery.attempts.every((a) => a.status === 503 && a.error?.startsWith('HTTP 503'))).toBe(true);
    expect(requestsFor(receiver, account.id)).toHaveLength(4);

    const failed = await platformFetch(sandbox, '/_sandbox/webhooks/deliveries?state=failed');
    expect(((await failed.json()) as { total: number }).total).toBe(1);
  });

  it('counts a receiver that does not answer in time as a failed attempt', async () => {
    const { receiver, sandbox } = await setup({ webhookTimeoutMs: 150, webhookRetryDelaysMs: [20] });
    receiver.delayResponses(600);
    const account = await breakAnAccount(sandbox);

    const delivery = await finishedDelivery(sandbox, account.id);
    expect(delivery.state).toBe('failed');
    expect(delivery.attempts.map((a) => [a.status, a.error])).toEqual([
      [null, 'timeout after 150 ms'],
      [null, 'timeout after 150 ms'],
    ]);
    expect(delivery.attempts[0]!.duration_ms).toBeGreaterThanOrEqual(140);
  });

  it('logs a network error when nothing listens at the URL', async () => {
    const closed = await startWebhookReceiver();
    await closed.close();
    const { sandbox } = await setup({ webhookRetryDelaysMs: [20] }, closed.url);
    const account = await breakAnAccount(sandbox);

    const delivery = await finishedDelivery(sandbox, account.id);
    expect(delivery.state).toBe('failed');
    expect(delivery.attempts).toHaveLength(2);
    expect(delivery.attempts[0]).toMatchObject({
      status: null,
      error: expect.stringMatching(/ECONNREFUSED/),
    });
  });

  it('delivers a burst of events with a bounded number of requests in flight', async () => {
    const { receiver, sandbox } = await setup();
    receiver.delayResponses(10);
    const { store } = sandbox.context;
    const accounts = store.listAccounts().slice(0, 50);
    // Four events per account: 200 deliveries queued at once.
    for (const label of ['a', 'b', 'c', 'd'])
      for (const account of accounts) store.updateAccount(account.id, { label });

    await waitUntil(() => receiver.accepted().length >= 200, { timeoutMs: 10_000, what: '200 deliveries' });
    expect(receiver.maxInFlight()).toBeGreaterThan(1);
    expect(receiver.maxInFlight()).toBeLessThanOrEqual(4);
    for (const account of accounts)
      expect(requestsFor(receiver, account.id).map((r) => r.json!.label)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('stops retrying once the sandbox is closed', async () => {
    const { receiver, sandbox } = await setup({ webhookRetryDelaysMs: [150, 150, 150] });
    receiver.failAlways(500);
    const account = await breakAnAccount(sandbox);
    await waitUntil(() => requestsFor(receiver, account.id).length === 1, { what: 'the first attempt' });

    await sandbox.close();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(requestsFor(receiver, account.id)).toHaveLength(1);
    expect(sandbox.context.store.deliveries[0]!.state).toBe('failed');
  });
});
