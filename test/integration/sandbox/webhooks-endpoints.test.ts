import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { SandboxOptions } from '../../../server/sandbox/config.ts';
import type { RunningSandbox } from '../../../server/sandbox/start-sandbox.ts';
import { platformFetch, startTestSandbox } from '../../support/sandbox.ts';
import { startWebhookReceiver, waitUntil, type WebhookReceiver } from '../../support/webhook-receiver.ts';

interface Endpoint {
  url: string;
  secret: string;
  source: 'config' | 'runtime';
  created_at: string;
}

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function receiverWith(secrets?: string[]) {
  const receiver = await startWebhookReceiver(secrets ? { secrets } : {});
  cleanups.push(() => receiver.close());
  return receiver;
}

async function sandboxWith(options: Partial<SandboxOptions> = {}) {
  const sandbox = await startTestSandbox(options);
  cleanups.push(() => sandbox.close());
  return sandbox;
}

const control = (sandbox: RunningSandbox, path: string, init: RequestInit = {}) =>
  platformFetch(sandbox, `/_sandbox${path}`, init);

const register = (sandbox: RunningSandbox, body: unknown) =>
  control(sandbox, '/webhooks', { method: 'POST', body: JSON.stringify(body) });

const listEndpoints = async (sandbox: RunningSandbox) =>
  ((await (await control(sandbox, '/webhooks')).json()) as { data: Endpoint[] }).data;

/** Fires one account.updated for a seeded account and returns its id. */
async function touchAccount(sandbox: RunningSandbox, index = 0): Promise<string> {
  const id = sandbox.context.store.listAccounts()[index]!.id;
  const res = await control(sandbox, `/accounts/${id}/break`, { method: 'POST' });
  expect(res.status).toBe(200);
  return id;
}

const acceptedFor = (receiver: WebhookReceiver, accountId: string) =>
  waitUntil(() => receiver.accepted().find((r) => r.json?.account_id === accountId), {
    what: `a delivery for ${accountId}`,
  });

const hmac = (body: string, secret: string) => createHmac('sha256', secret).update(body).digest('base64url');

describe('webhook endpoints registered at runtime', () => {
  it('signs each endpoint with its own secret', async () => {
    const alpha = await receiverWith(['alpha-secret']);
    const bravo = await receiverWith(['bravo-secret']);
    const sandbox = await sandboxWith();
    expect((await register(sandbox, { url: alpha.url, secret: 'alpha-secret' })).status).toBe(201);
    expect((await register(sandbox, { url: bravo.url, secret: 'bravo-secret' })).status).toBe(201);

    const id = await touchAccount(sandbox);
    const a = await acceptedFor(alpha, id);
    const b = await acceptedFor(bravo, id);
    expect(a.headers['x-stackone-signature']).toBe(hmac(a.body, 'alpha-secret'));
    expect(b.headers['x-stackone-signature']).toBe(hmac(b.body, 'bravo-secret'));
    expect(a.headers['x-stackone-signature']).not.toBe(hmac(a.body, 'bravo-secret'));
    // Neither receiver ever had to reject a signature.
    expect([...alpha.requests, ...bravo.requests].every((r) => r.status === 200)).toBe(true);
  });

  it('generates a secret when none is given and shows it in the endpoint list', async () => {
    const receiver = await receiverWith();
    const sandbox = await sandboxWith();
    const res = await register(sandbox, { url: receiver.url });
    expect(res.status).toBe(201);
    const endpoint = (await res.json()) as Endpoint;
    expect(endpoint).toMatchObject({ url: receiver.url, source: 'runtime' });
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
    expect(await listEndpoints(sandbox)).toEqual([endpoint]);

    const id = await touchAccount(sandbox);
    const delivery = await acceptedFor(receiver, id);
    expect(delivery.headers['x-stackone-signature']).toBe(hmac(delivery.body, endpoint.secret));
  });

  it('generates a secret for configured URLs that come without one', async () => {
    const receiver = await receiverWith();
    const sandbox = await sandboxWith({ webhookUrls: [receiver.url] });
    const [endpoint] = await listEndpoints(sandbox);
    expect(endpoint).toMatchObject({ url: receiver.url, source: 'config' });
    expect(endpoint!.secret).toBe(sandbox.context.webhooks.defaultSecret);
    expect(sandbox.context.webhooks.secretGenerated).toBe(true);

    const id = await touchAccount(sandbox);
    const delivery = await acceptedFor(receiver, id);
    expect(delivery.headers['x-stackone-signature']).toBe(hmac(delivery.body, endpoint!.secret));
  });

  it('gives a registered URL a new secret when it is registered again', async () => {
    const receiver = await receiverWith(['rotated-secret']);
    const sandbox = await sandboxWith();
    expect((await register(sandbox, { url: receiver.url, secret: 'old-secret' })).status).toBe(201);
    const again = await register(sandbox, { url: receiver.url, secret: 'rotated-secret' });
    expect(again.status).toBe(200);
    expect(await listEndpoints(sandbox)).toHaveLength(1);

    const id = await touchAccount(sandbox);
    expect((await acceptedFor(receiver, id)).signatureValid).toBe(true);
  });

  it('stops delivering to an endpoint once it is removed', async () => {
    const kept = await receiverWith();
    const removed = await receiverWith();
    const sandbox = await sandboxWith();
    await register(sandbox, { url: kept.url });
    await register(sandbox, { url: removed.url });

    const del = await control(sandbox, `/webhooks?url=${encodeURIComponent(removed.url)}`, {
      method: 'DELETE',
    });
    expect(del.status).toBe(204);
    const again = await control(sandbox, `/webhooks?url=${encodeURIComponent(removed.url)}`, {
      method: 'DELETE',
    });
    expect(again.status).toBe(404);

    const id = await touchAccount(sandbox);
    await acceptedFor(kept, id);
    expect(removed.requests).toHaveLength(0);

    const all = await control(sandbox, '/webhooks', { method: 'DELETE' });
    expect(await all.json()).toEqual({ removed: 1 });
    expect(await listEndpoints(sandbox)).toEqual([]);
  });

  it('rejects an endpoint whose URL is not http(s)', async () => {
    const sandbox = await sandboxWith();
    for (const body of [{ url: 'not a url' }, { url: 'ftp://example.com/hook' }, { secret: 'x' }]) {
      const res = await register(sandbox, body);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ statusCode: 400, message: expect.stringContaining('url') });
    }
  });
});

describe('the delivery log', () => {
  it('filters by account, event and state, newest first, up to the limit', async () => {
    const receiver = await receiverWith();
    const sandbox = await sandboxWith({ webhookUrls: [receiver.url] });
    const first = await touchAccount(sandbox, 0);
    const second = await touchAccount(sandbox, 1);
    await control(sandbox, `/accounts/${first}/repair`, { method: 'POST' });
    await waitUntil(() => receiver.accepted().length >= 3, { what: '3 deliveries' });

    const query = async (qs: string) => {
      const res = await control(sandbox, `/webhooks/deliveries?${qs}`);
      expect(res.status).toBe(200);
      return (await res.json()) as { data: { account_id: string; body: string }[]; total: number };
    };
    const forFirst = await query(`account_id=${first}`);
    expect(forFirst.total).toBe(2);
    expect(forFirst.data.map((d) => JSON.parse(d.body).status)).toEqual(['active', 'error']);
    expect((await query('event=account.updated&state=delivered')).total).toBe(3);
    expect((await query('event=account.created')).total).toBe(0);
    const latest = await query('limit=1');
    expect(latest).toMatchObject({ total: 3, data: [{ account_id: first }] });
    expect((await query(`account_id=${second}&state=failed`)).total).toBe(0);
  });

  it('rejects an unknown state, event or limit', async () => {
    const sandbox = await sandboxWith();
    for (const qs of ['state=lost', 'event=account.moved', 'limit=0', 'limit=abc']) {
      const res = await control(sandbox, `/webhooks/deliveries?${qs}`);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ statusCode: 400, timestamp: expect.any(String) });
    }
  });
});
