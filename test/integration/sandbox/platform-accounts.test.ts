import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountEvent, SandboxAccount } from '../../../server/sandbox/model.ts';
import type { RunningSandbox } from '../../../server/sandbox/start-sandbox.ts';
import { platformFetch, startTestSandbox } from '../../support/sandbox.ts';
import { expectErrorBody } from '../../support/stackone-error-body.ts';

type Wire = Record<string, unknown> & { id: string };

let sandbox: RunningSandbox;

const accounts = () => sandbox.context.store.listAccounts();
const ids = (list: readonly { id: string }[]) => list.map((a) => a.id);
const firstAccount = (predicate: (a: SandboxAccount) => boolean) => {
  const account = accounts().find(predicate);
  if (!account) throw new Error('the test seed has no such account');
  return account;
};

async function getJson<T = Wire[]>(path: string, init?: RequestInit): Promise<{ status: number; body: T }> {
  const response = await platformFetch(sandbox, path, init);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return { status: response.status, body: (await response.json()) as T };
}

const patch = (id: string, body: unknown) =>
  getJson<Wire>(`/accounts/${id}`, { method: 'PATCH', body: JSON.stringify(body) });

beforeAll(async () => {
  sandbox = await startTestSandbox();
});

afterAll(() => sandbox.close());

describe('GET /accounts', () => {
  it('answers a bare array of the first 25 accounts in list order', async () => {
    const { status, body } = await getJson('/accounts');
    expect(status).toBe(200);
    expect(Array.isArray(body)).toBe(true);
    expect(ids(body)).toEqual(ids(accounts().slice(0, 25)));
  });

  it('reads repeated keys and comma lists alike', async () => {
    const repeated = await getJson('/accounts?status=error&status=inactive&page_size=100');
    const comma = await getJson('/accounts?status=error,inactive&page_size=100');
    const expected = accounts().filter((a) => a.status !== 'active');
    expect(expected.length).toBeGreaterThan(1);
    expect(ids(repeated.body)).toEqual(ids(expected));
    expect(ids(comma.body)).toEqual(ids(expected));
  });

  it('ANDs different parameters and ORs the values of one', async () => {
    const { body } = await getJson(
      '/accounts?providers=hibob,bamboohr&providers=greenhouse&status=active&page_size=100',
    );
    const expected = accounts().filter(
      (a) => ['hibob', 'bamboohr', 'greenhouse'].includes(a.provider) && a.status === 'active',
    );
    expect(expected.length).toBeGreaterThan(1);
    expect(ids(body)).toEqual(ids(expected));
  });

  it('treats provider and origin_owner_id as one more value of providers and origin_owner_ids', async () => {
    const [a, b] = [accounts()[0]!, accounts()[5]!];
    const { body } = await getJson(
      `/accounts?origin_owner_id=${a.origin_owner_id}&origin_owner_ids=${b.origin_owner_id}&provider=${a.provider}&providers=${b.provider}&page_size=100`,
    );
    const owners = [a.origin_owner_id, b.origin_owner_id];
    const providers = [a.provider, b.provider];
    expect(ids(body)).toEqual(
      ids(accounts().filter((x) => owners.includes(x.origin_owner_id) && providers.includes(x.provider))),
    );
    expect(ids(body)).toContain(a.id);
  });

  it('filters by account_ids', async () => {
    const wanted = [accounts()[3]!.id, accounts()[1]!.id];
    const { body } = await getJson(`/accounts?account_ids=${wanted[0]}&account_ids=${wanted[1]}`);
    // List order, not request order.
    expect(ids(body)).toEqual([accounts()[1]!.id, accounts()[3]!.id]);
  });

  it('walks every account exactly once with page and page_size, then answers an empty page', async () => {
    const seen: string[] = [];
    let page = 1;
    for (; page < 50; page++) {
      const { body } = await getJson(`/accounts?page=${page}&page_size=7`);
      seen.push(...ids(body));
      if (body.length < 7) break;
    }
    expect(seen).toEqual(ids(accounts()));
    expect(new Set(seen).size).toBe(seen.length);
    expect((await getJson(`/accounts?page=${page + 1}&page_size=7`)).body).toEqual([]);
  });

  it('pages through filtered results', async () => {
    const expected = accounts().filter((a) => a.status === 'active');
    const { body } = await getJson('/accounts?status=active&page=2&page_size=5');
    expect(ids(body)).toEqual(ids(expected.slice(5, 10)));
  });

  it.each([
    ['page=x', /page must be an integer/],
    ['page=0', /page must be between 1/],
    ['page_size=ten', /page_size must be an integer/],
    ['page_size=0', /page_size must be between 1 and 100/],
    ['page_size=101', /page_size must be between 1 and 100/],
    ['page=1.5', /page must be an integer/],
  ])('rejects %s with 400 and the error body', async (query, message) => {
    const { status, body } = await getJson(`/accounts?${query}`);
    expect(status).toBe(400);
    expectErrorBody(body, 400, message);
  });

  it('never exposes secrets or credentials, only the non-secret setup information', async () => {
    const { body } = await getJson('/accounts?page_size=100');
    const text = JSON.stringify(body);
    for (const account of accounts())
      for (const secret of Object.values(account.secrets)) expect(text).not.toContain(secret);
    for (const wire of body) {
      expect(wire).not.toHaveProperty('secrets');
      expect(wire).not.toHaveProperty('credentials');
      expect(wire.setup_information).toEqual(sandbox.context.store.getAccount(wire.id)!.setup_information);
    }
  });

  it('answers 401 with the error body without a key', async () => {
    const { status, body } = await getJson('/accounts', { headers: { authorization: 'Basic ' } });
    expect(status).toBe(401);
    expectErrorBody(body, 401, /Unauthorized/);
  });
});

describe('GET /accounts/{id}', () => {
  it('answers the LinkedAccount wire shape with ISO timestamps', async () => {
    const account = firstAccount((a) => a.status === 'error');
    const { status, body } = await getJson<Wire>(`/accounts/${account.id}`);
    expect(status).toBe(200);
    expect(body).toEqual({
      id: account.id,
      provider: account.provider,
      provider_name: account.provider_name,
      status: 'error',
      status_reasons: account.status_reasons,
      origin_owner_id: account.origin_owner_id,
      origin_owner_name: account.origin_owner_name,
      origin_username: account.origin_username,
      setup_information: account.setup_information,
      label: account.label,
      type: account.type,
      created_at: account.created_at,
      updated_at: account.updated_at,
    });
    expect(body.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('answers 404 with the error body for an unknown id', async () => {
    const { status, body } = await getJson('/accounts/does-not-exist');
    expect(status).toBe(404);
    expectErrorBody(body, 404, /does not exist/);
  });
});

describe('PATCH /accounts/{id}', () => {
  it('stores a string label, ignores an object label and clears it with null', async () => {
    const account = accounts()[10]!;
    expect((await patch(account.id, { label: 'Payroll EU' })).body.label).toBe('Payroll EU');
    expect((await patch(account.id, { label: {} })).body.label).toBe('Payroll EU');
    expect((await patch(account.id, { label: { anything: 1 } })).body.label).toBe('Payroll EU');
    expect((await patch(account.id, { label: null })).body.label).toBeNull();
  });

  it('applies type as sent, leaves omitted fields alone and bumps updated_at', async () => {
    const account = firstAccount((a) => a.type === 'production' && a.origin_username !== null);
    const before = structuredClone(account);
    const { status, body } = await patch(account.id, {
      type: 'test',
      origin_owner_name: 'Renamed Ltd',
      credentials: {},
      setup_information: {},
      secrets: {},
      metadata: {},
    });
    expect(status).toBe(200);
    expect(body.type).toBe('test');
    expect(body.origin_owner_name).toBe('Renamed Ltd');
    expect(body.origin_username).toBe(before.origin_username);
    expect(body.setup_information).toEqual(before.setup_information);
    expect(sandbox.context.store.getAccount(account.id)!.secrets).toEqual(before.secrets);
    expect(Date.parse(body.updated_at as string)).toBeGreaterThan(Date.parse(before.updated_at));
  });

  it('clears nullable fields with null and keeps required ones', async () => {
    const account = firstAccount((a) => a.origin_username !== null);
    const { body } = await patch(account.id, { origin_username: null, origin_owner_id: null, type: null });
    expect(body.origin_username).toBeNull();
    expect(body.origin_owner_id).toBe(account.origin_owner_id);
    expect(body.type).toBe(account.type);
  });

  it('merges setup information and changes the provider name with the provider', async () => {
    const account = firstAccount((a) => a.provider === 'bamboohr');
    const { body } = await patch(account.id, { setup_information: { region: 'eu' } });
    expect(body.setup_information).toEqual({ ...account.setup_information, region: 'eu' });
    const moved = await patch(account.id, { provider: 'hibob' });
    expect(moved.body.provider).toBe('hibob');
    expect(moved.body.provider_name).toBe('HiBob');
  });

  it('fires exactly one account.updated event', async () => {
    const events: AccountEvent[] = [];
    const stop = sandbox.context.store.onAccountEvent((e) => events.push(e));
    const account = accounts()[12]!;
    await patch(account.id, { label: 'Event check' });
    stop();
    expect(events.map((e) => [e.event, e.account.id, e.account.label])).toEqual([
      ['account.updated', account.id, 'Event check'],
    ]);
  });

  it.each([
    [{ label: 5 }, /label must be a string, an object \(ignored\) or null/],
    [{ type: 'staging' }, /type must be "production", "test" or null/],
    [{ origin_owner_name: 42 }, /origin_owner_name must be a string or null/],
    [{ setup_information: { region: 1 } }, /every value of setup_information must be a string/],
    [{ metadata: 'plan' }, /metadata must be an object or null/],
    [{ provider: 'unknownhr' }, /Unknown provider "unknownhr"/],
  ])('rejects %j with 400 and a clear message', async (body, message) => {
    const account = accounts()[14]!;
    const before = structuredClone(account);
    const result = await patch(account.id, body);
    expect(result.status).toBe(400);
    expectErrorBody(result.body, 400, message);
    expect(sandbox.context.store.getAccount(account.id)).toEqual(before);
  });

  it('rejects a body that is not a JSON object with 400', async () => {
    const id = accounts()[14]!.id;
    const broken = await getJson(`/accounts/${id}`, { method: 'PATCH', body: '{"label":' });
    expect(broken.status).toBe(400);
    expectErrorBody(broken.body, 400, /valid JSON/);
    const array = await getJson(`/accounts/${id}`, { method: 'PATCH', body: '[]' });
    expectErrorBody(array.body, 400, /JSON object/);
  });

  it('answers 404 for an unknown id', async () => {
    const { status, body } = await patch('does-not-exist', { label: 'x' });
    expect(status).toBe(404);
    expectErrorBody(body, 404, /does not exist/);
  });
});

describe('DELETE /accounts/{id}', () => {
  it('answers 200 with the deleted account, then 404', async () => {
    const account = accounts()[accounts().length - 1]!;
    const wire = (await getJson<Wire>(`/accounts/${account.id}`)).body;
    const { status, body } = await getJson<Wire>(`/accounts/${account.id}`, { method: 'DELETE' });
    expect(status).toBe(200);
    expect(body).toEqual(wire);
    expect((await getJson(`/accounts/${account.id}`)).status).toBe(404);
    expect((await getJson(`/accounts/${account.id}`, { method: 'DELETE' })).status).toBe(404);
    expect(ids(accounts())).not.toContain(account.id);
  });
});

describe('GET /accounts/{id}/meta', () => {
  it('answers provider, category and the connector’s models', async () => {
    const account = firstAccount((a) => a.provider === 'greenhouse');
    const { status, body } = await getJson<Record<string, unknown>>(`/accounts/${account.id}/meta`);
    expect(status).toBe(200);
    expect(body).toEqual({
      provider: 'greenhouse',
      category: 'ats',
      models: {
        candidates: {
          list: { apiPath: '/unified/ats/candidates' },
          get: { apiPath: '/unified/ats/candidates/:id' },
        },
        applications: {
          list: { apiPath: '/unified/ats/applications' },
          get: { apiPath: '/unified/ats/applications/:id' },
        },
        jobs: { list: { apiPath: '/unified/ats/jobs' }, get: { apiPath: '/unified/ats/jobs/:id' } },
      },
    });
  });

  it('answers 404 for an unknown id', async () => {
    expect((await getJson('/accounts/does-not-exist/meta')).status).toBe(404);
  });
});
