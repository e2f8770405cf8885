import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxAccount } from '../../../server/sandbox/model.ts';
import type { RunningSandbox } from '../../../server/sandbox/start-sandbox.ts';
import { basicAuthHeader, platformFetch, startTestSandbox } from '../../support/sandbox.ts';
import { startWebhookReceiver, waitUntil, type WebhookReceiver } from '../../support/webhook-receiver.ts';

let receiver: WebhookReceiver;
let sandbox: RunningSandbox;
/** The seed as it was at start, so that each test picks an account no other test has changed. */
let seed: SandboxAccount[];

beforeAll(async () => {
  receiver = await startWebhookReceiver({ secrets: ['s3cret'] });
  sandbox = await startTestSandbox({ webhookUrls: [receiver.url], webhookSecret: 's3cret' });
  seed = structuredClone([...sandbox.context.store.listAccounts()]);
});

afterAll(async () => {
  await sandbox?.close();
  await receiver?.close();
});

const post = (path: string, body?: unknown, headers: HeadersInit = {}) =>
  platformFetch(sandbox, `/_sandbox${path}`, {
    method: 'POST',
    headers,
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });

const eventsFor = (accountId: string, count: number) =>
  waitUntil(
    () => {
      const events = receiver.accepted().filter((r) => r.json?.account_id === accountId);
      return events.length >= count ? events.map((r) => r.json!) : null;
    },
    { what: `${count} events for ${accountId}` },
  );

const seededAccount = (status: SandboxAccount['status'], skip = 0) =>
  seed.filter((a) => a.status === status)[skip]!;

const expectErrorBody = async (res: Response, status: number, message?: RegExp) => {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await res.json()) as { statusCode: number; message: string; timestamp: string };
  expect(body).toEqual({ statusCode: status, message: expect.any(String), timestamp: expect.any(String) });
  expect(new Date(body.timestamp).toISOString()).toBe(body.timestamp);
  if (message) expect(body.message).toMatch(message);
};

describe('breaking and repairing accounts', () => {
  it('puts an account in error with a token_expired reason and fires account.updated', async () => {
    const account = seededAccount('active');
    const before = Date.now();
    const res = await post(`/accounts/${account.id}/break`, { status: 'error' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as SandboxAccount;
    expect(body).toMatchObject({ id: account.id, status: 'error' });
    expect(body).not.toHaveProperty('secrets');
    expect(body.status_reasons).toEqual([
      {
        code: 'token_expired',
        description: expect.stringContaining(account.provider_name),
        timestamp: expect.any(String),
      },
    ]);
    expect(Date.parse(body.status_reasons![0]!.timestamp)).toBeGreaterThanOrEqual(before);

    const [event] = await eventsFor(account.id, 1);
    expect(event).toMatchObject({ event: 'account.updated', status: 'error' });

    const wire = await platformFetch(sandbox, `/accounts/${account.id}`);
    expect(await wire.json()).toMatchObject({ status: 'error', status_reasons: body.status_reasons });
  });

  it('marks an account inactive with the given code and description', async () => {
    const account = seededAccount('active', 1);
    const res = await post(`/accounts/${account.id}/break`, {
      status: 'inactive',
      code: 'suspended_by_provider',
      description: 'Suspended while the provider rotates keys.',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'inactive',
      status_reasons: [
        { code: 'suspended_by_provider', description: 'Suspended while the provider rotates keys.' },
      ],
    });
  });

  it('repairs a broken account back to active without reasons and fires account.updated', async () => {
    const account = seededAccount('error');
    const res = await post(`/accounts/${account.id}/repair`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: account.id, status: 'active', status_reasons: null });
    const [event] = await eventsFor(account.id, 1);
    expect(event).toMatchObject({ event: 'account.updated', status: 'active' });
  });

  it('rejects a status other than error or inactive, unknown fields and malformed JSON', async () => {
    const id = seededAccount('active', 2).id;
    await expectErrorBody(await post(`/accounts/${id}/break`, { status: 'active' }), 400, /status/);
    await expectErrorBody(await post(`/accounts/${id}/break`, { stauts: 'error' }), 400, /stauts/);
    await expectErrorBody(await post(`/accounts/${id}/break`, '{"status":'), 400, /JSON/);
    expect(sandbox.context.store.getAccount(id)!.status).toBe('active');
  });

  it('answers 404 for an unknown account', async () => {
    await expectErrorBody(await post('/accounts/no-such-account/break', {}), 404, /no-such-account/);
    await expectErrorBody(await post('/accounts/no-such-account/repair'), 404);
  });
});

describe('creating accounts directly', () => {
  it('creates an account from the catalog and fires account.created', async () => {
    const res = await post('/accounts', {
      provider: 'greenhouse',
      origin_owner_id: 'cust_console',
      origin_owner_name: 'Console Test Co',
      label: 'Recruiting',
      type: 'test',
    });
    expect(res.status).toBe(201);
    const account = (await res.json()) as SandboxAccount;
    expect(account).toMatchObject({
      provider: 'greenhouse',
      provider_name: 'Greenhouse',
      status: 'active',
      status_reasons: null,
      origin_owner_id: 'cust_console',
      origin_owner_name: 'Console Test Co',
      origin_username: null,
      label: 'Recruiting',
      type: 'test',
    });
    expect(account.id).toMatch(/^\d{20}$/);
    expect(account).not.toHaveProperty('secrets');

    const [event] = await eventsFor(account.id, 1);
    expect(event).toMatchObject({ event: 'account.created', provider: 'greenhouse', label: 'Recruiting' });
    expect((await platformFetch(sandbox, `/accounts/${account.id}`)).status).toBe(200);
  });

  it('creates an account in error with a default reason, a fixed id and a backdated creation time', async () => {
    const res = await post('/accounts', {
      id: 'acct_fixed_1',
      provider: 'bamboohr',
      origin_owner_id: 'cust_console',
      origin_owner_name: 'Console Test Co',
      status: 'error',
      created_at: '2024-01-02T03:04:05+02:00',
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({
      id: 'acct_fixed_1',
      status: 'error',
      status_reasons: [{ code: 'token_expired' }],
      created_at: '2024-01-02T01:04:05.000Z',
    });
    const again = await post('/accounts', {
      id: 'acct_fixed_1',
      provider: 'bamboohr',
      origin_owner_id: 'x',
      origin_owner_name: 'X',
    });
    await expectErrorBody(again, 409, /acct_fixed_1/);
  });

  it('rejects an unknown provider and missing owner fields', async () => {
    await expectErrorBody(
      await post('/accounts', { provider: 'myspace', origin_owner_id: 'c', origin_owner_name: 'C' }),
      400,
      /myspace/,
    );
    await expectErrorBody(await post('/accounts', { provider: 'hibob' }), 400, /origin_owner_id/);
    await expectErrorBody(
      await post('/accounts', {
        provider: 'hibob',
        origin_owner_id: 'c',
        origin_owner_name: 'C',
        status: 'gone',
      }),
      400,
      /status/,
    );
  });
});

describe('control API authentication', () => {
  it('answers 401 without the API key or with a wrong one', async () => {
    const noKey = await fetch(`${sandbox.url}/_sandbox/state`);
    await expectErrorBody(noKey, 401);
    const wrongKey = await post('/accounts/x/repair', undefined, {
      authorization: basicAuthHeader('v1.wrong.key'),
    });
    await expectErrorBody(wrongKey, 401);
    expect((await platformFetch(sandbox, '/_sandbox/state')).status).toBe(200);
  });
});
