import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../../server/sandbox/start-sandbox.ts';
import { platformFetch, startTestSandbox } from '../../support/sandbox.ts';
import {
  startWebhookReceiver,
  waitUntil,
  type ReceivedWebhook,
  type WebhookReceiver,
} from '../../support/webhook-receiver.ts';

const SECRET = 's3cret';

let receiver: WebhookReceiver;
let sandbox: RunningSandbox;

beforeAll(async () => {
  receiver = await startWebhookReceiver({ secrets: [SECRET] });
  sandbox = await startTestSandbox({ webhookUrls: [receiver.url], webhookSecret: SECRET });
});

afterAll(async () => {
  await sandbox?.close();
  await receiver?.close();
});

const post = (path: string, body: unknown) =>
  platformFetch(sandbox, path, { method: 'POST', body: JSON.stringify(body) });

/** The deliveries the receiver accepted for one account, in arrival order, once there are `count`. */
const deliveriesOf = (accountId: string, count: number) =>
  waitUntil(
    () => {
      const found = receiver.accepted().filter((r) => r.json?.account_id === accountId);
      return found.length >= count ? found : null;
    },
    { what: `${count} deliveries for ${accountId}` },
  );

async function createAccount(overrides: Record<string, unknown> = {}) {
  const res = await post('/_sandbox/accounts', {
    provider: 'hibob',
    origin_owner_id: 'cust_webhooks',
    origin_owner_name: 'Webhook Testers Ltd',
    origin_username: 'ops@webhook-testers.example',
    label: 'EU entity',
    ...overrides,
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string };
}

/** Our own check, written like a customer's receiver, independent of the sandbox's signing code. */
const expectSignedWith = (delivery: ReceivedWebhook, secret: string) => {
  const expected = createHmac('sha256', secret)
    .update(Buffer.from(delivery.body, 'utf8'))
    .digest('base64url');
  expect(delivery.headers['x-stackone-signature']).toBe(expected);
};

describe('signed webhook delivery', () => {
  it('delivers account.created with the account fields, signed over the raw body', async () => {
    const before = Date.now();
    const account = await createAccount();
    const [delivery] = await deliveriesOf(account.id, 1);

    expectSignedWith(delivery!, SECRET);
    expect(delivery!.headers['x-stackone-signature']).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(delivery!.headers['content-type']).toBe('application/json');
    expect(delivery!.headers['user-agent']).toBe('StackOne-Webhooks/sandbox');
    expect(delivery!.json).toEqual({
      event: 'account.created',
      account_id: account.id,
      provider: 'hibob',
      origin_owner_id: 'cust_webhooks',
      origin_owner_name: 'Webhook Testers Ltd',
      origin_username: 'ops@webhook-testers.example',
      project_id: 'sandbox-project',
      event_date: expect.stringMatching(/Z$/),
      sent_at: expect.stringMatching(/Z$/),
      status: 'active',
      label: 'EU entity',
    });
    const eventDate = Date.parse(delivery!.json!.event_date as string);
    expect(eventDate).toBeGreaterThanOrEqual(before);
    expect(Date.parse(delivery!.json!.sent_at as string)).toBeGreaterThanOrEqual(eventDate);
  });

  it('delivers account.updated with the new status when the control API breaks an account', async () => {
    const account = await createAccount({ origin_owner_id: 'cust_break' });
    const res = await post(`/_sandbox/accounts/${account.id}/break`, { status: 'error' });
    expect(res.status).toBe(200);

    const [created, updated] = await deliveriesOf(account.id, 2);
    expect(created!.json!.event).toBe('account.created');
    expect(updated!.json).toMatchObject({
      event: 'account.updated',
      account_id: account.id,
      status: 'error',
      origin_owner_id: 'cust_break',
    });
    expectSignedWith(updated!, SECRET);
  });

  it('delivers account.updated when the platform API patches an account', async () => {
    const seeded = sandbox.context.store.listAccounts()[5]!;
    const res = await platformFetch(sandbox, `/accounts/${seeded.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ label: 'Renamed by PATCH' }),
    });
    expect(res.status).toBe(200);

    const [updated] = await deliveriesOf(seeded.id, 1);
    expectSignedWith(updated!, SECRET);
    expect(updated!.json).toMatchObject({
      event: 'account.updated',
      account_id: seeded.id,
      provider: seeded.provider,
      origin_owner_id: seeded.origin_owner_id,
      origin_owner_name: seeded.origin_owner_name,
      label: 'Renamed by PATCH',
    });
  });

  it('delivers account.deleted with the last known fields when the platform API deletes an account', async () => {
    const account = await createAccount({ origin_owner_id: 'cust_delete', label: null });
    const res = await platformFetch(sandbox, `/accounts/${account.id}`, { method: 'DELETE' });
    expect(res.status).toBe(200);

    const [, deleted] = await deliveriesOf(account.id, 2);
    expectSignedWith(deleted!, SECRET);
    expect(deleted!.json).toMatchObject({
      event: 'account.deleted',
      account_id: account.id,
      provider: 'hibob',
      origin_owner_id: 'cust_delete',
      label: null,
      status: 'active',
    });
  });

  it("keeps one account's events in order even when an earlier delivery needs a retry", async () => {
    receiver.failNext(1);
    const account = await createAccount({ origin_owner_id: 'cust_order' });
    await post(`/_sandbox/accounts/${account.id}/break`, {});
    await post(`/_sandbox/accounts/${account.id}/repair`, {});
    await platformFetch(sandbox, `/accounts/${account.id}`, { method: 'DELETE' });

    const received = await deliveriesOf(account.id, 4);
    expect(received.map((d) => [d.json!.event, d.json!.status])).toEqual([
      ['account.created', 'active'],
      ['account.updated', 'error'],
      ['account.updated', 'active'],
      ['account.deleted', 'active'],
    ]);
  });

  it('records every delivery in the log with its signature and attempts', async () => {
    const account = await createAccount({ origin_owner_id: 'cust_log' });
    const [received] = await deliveriesOf(account.id, 1);
    const res = await platformFetch(sandbox, `/_sandbox/webhooks/deliveries?account_id=${account.id}`);
    expect(res.status).toBe(200);
    const { data, total } = (await res.json()) as {
      data: {
        url: string;
        event: string;
        body: string;
        signature: string;
        state: string;
        attempts: unknown[];
      }[];
      total: number;
    };
    expect(total).toBe(1);
    expect(data[0]).toMatchObject({
      url: receiver.url,
      event: 'account.created',
      body: received!.body,
      signature: received!.headers['x-stackone-signature'],
      state: 'delivered',
      attempts: [{ status: 200, error: null, at: expect.any(String), duration_ms: expect.any(Number) }],
    });
  });
});
