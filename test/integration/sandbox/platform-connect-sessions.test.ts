import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORGANIZATION_ID, PROJECT_ID } from '../../../server/sandbox/model.ts';
import type { RunningSandbox } from '../../../server/sandbox/start-sandbox.ts';
import { platformFetch, startTestSandbox } from '../../support/sandbox.ts';
import { expectErrorBody } from '../../support/stackone-error-body.ts';

type Json = Record<string, unknown>;

let sandbox: RunningSandbox;

const owner = { origin_owner_id: 'cust_raw', origin_owner_name: 'Raw Customer' };

async function post(path: string, body: unknown): Promise<{ status: number; body: Json }> {
  const response = await platformFetch(sandbox, path, {
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return { status: response.status, body: (await response.json()) as Json };
}

const createSession = (body: unknown) => post('/connect_sessions', body);
const authenticate = (token: unknown) => post('/connect_sessions/authenticate', { token });

beforeAll(async () => {
  sandbox = await startTestSandbox();
});

afterAll(() => sandbox.close());

describe('POST /connect_sessions', () => {
  it('answers 201 with every field of ConnectSessionTokenAuthLink and the defaults', async () => {
    const before = Date.now();
    const { status, body } = await createSession(owner);
    expect(status).toBe(201);
    expect(body).toEqual({
      id: expect.any(Number),
      organization_id: ORGANIZATION_ID,
      project_id: PROJECT_ID,
      origin_owner_id: 'cust_raw',
      origin_owner_name: 'Raw Customer',
      origin_username: null,
      provider: null,
      provider_version: null,
      account_id: null,
      categories: null,
      label: null,
      metadata: null,
      multiple: false,
      type: 'production',
      external_trigger_token: expect.stringMatching(/^[0-9a-f-]{36}$/),
      created_at: expect.any(String),
      expires_at: expect.any(String),
      token: expect.stringMatching(/^[0-9a-f]{64}$/),
      auth_link_url: `${sandbox.url}/embedded/integrations?token=${body.token as string}`,
    });
    const created = Date.parse(body.created_at as string);
    expect(created).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(body.expires_at as string) - created).toBe(1800 * 1000);
  });

  it('gives every session its own id and token', async () => {
    const a = await createSession(owner);
    const b = await createSession(owner);
    expect(a.body.id).not.toBe(b.body.id);
    expect(a.body.token).not.toBe(b.body.token);
  });

  it('treats null expires_in, multiple and type as their defaults', async () => {
    const { status, body } = await createSession({ ...owner, expires_in: null, multiple: null, type: null });
    expect(status).toBe(201);
    expect(body.multiple).toBe(false);
    expect(body.type).toBe('production');
    expect(Date.parse(body.expires_at as string) - Date.parse(body.created_at as string)).toBe(1800 * 1000);
  });

  it('echoes the optional fields and stores the session for the Hub', async () => {
    const { body } = await createSession({
      ...owner,
      origin_username: 'jane@raw.example',
      provider: 'greenhouse',
      categories: ['ats', 'hris'],
      label: 'EU entity',
      metadata: { plan: 'growth' },
      multiple: true,
      type: 'test',
      expires_in: 432000,
    });
    expect(body).toMatchObject({
      origin_username: 'jane@raw.example',
      provider: 'greenhouse',
      categories: ['ats', 'hris'],
      label: 'EU entity',
      metadata: { plan: 'growth' },
      multiple: true,
      type: 'test',
    });
    const stored = sandbox.context.store.getLiveSession(body.token as string);
    expect(stored).toMatchObject({
      id: body.id,
      provider: 'greenhouse',
      categories: ['ats', 'hris'],
      multiple: true,
      label: 'EU entity',
      account_id: null,
    });
    expect(Date.parse(stored!.expires_at) - Date.parse(stored!.created_at)).toBe(432000 * 1000);
  });

  it('takes the provider from the account in edit mode', async () => {
    const account = sandbox.context.store.listAccounts()[0]!;
    const { status, body } = await createSession({ ...owner, account_id: account.id });
    expect(status).toBe(201);
    expect(body.account_id).toBe(account.id);
    expect(body.provider).toBe(account.provider);
  });

  it('rejects a provider that differs from the edited account’s', async () => {
    const account = sandbox.context.store.listAccounts().find((a) => a.provider !== 'jira')!;
    const { status, body } = await createSession({ ...owner, account_id: account.id, provider: 'jira' });
    expect(status).toBe(400);
    expectErrorBody(body, 400, /does not match the account's provider/);
  });

  it('accepts and ignores the fields of newer API versions', async () => {
    const { status, body } = await createSession({
      ...owner,
      connector_profile_id: 'cp_1',
      integration_id: 'int_1',
      shared: true,
      relink: true,
      scopes: ['read'],
    });
    expect(status).toBe(201);
    expect(body).not.toHaveProperty('connector_profile_id');
    expect(body).not.toHaveProperty('scopes');
  });

  it.each([
    [{ origin_owner_name: 'X' }, /origin_owner_id is required/],
    [{ origin_owner_id: 'x' }, /origin_owner_name is required/],
    [{ origin_owner_id: 7, origin_owner_name: 'X' }, /origin_owner_id must be a string/],
    [{ ...owner, origin_owner_name: '' }, /origin_owner_name must not be empty/],
    [{ ...owner, expires_in: 0 }, /expires_in must be a positive number/],
    [{ ...owner, expires_in: -5 }, /expires_in must be a positive number/],
    [{ ...owner, expires_in: '1800' }, /expires_in must be a positive number/],
    [{ ...owner, expires_in: 10 ** 9 }, /expires_in must be at most/],
    [{ ...owner, categories: ['hris', 'scheduling'] }, /Unknown category "scheduling"/],
    [{ ...owner, categories: 'hris' }, /categories must be an array/],
    [{ ...owner, provider: 'unknownhr' }, /Unknown provider "unknownhr"/],
    [{ ...owner, multiple: 'yes' }, /multiple must be a boolean/],
    [{ ...owner, type: 'staging' }, /type must be "production", "test" or null/],
  ])('rejects %j with 400 and a clear message', async (input, message) => {
    const { status, body } = await createSession(input);
    expect(status).toBe(400);
    expectErrorBody(body, 400, message);
  });

  it('rejects a body that is not JSON with 400', async () => {
    const { status, body } = await createSession('origin_owner_id=x');
    expect(status).toBe(400);
    expectErrorBody(body, 400, /valid JSON/);
  });

  it('answers 404 for an unknown account_id', async () => {
    const { status, body } = await createSession({ ...owner, account_id: 'does-not-exist' });
    expect(status).toBe(404);
    expectErrorBody(body, 404, /not found/);
  });
});

describe('POST /connect_sessions/authenticate', () => {
  it('answers 201 with the session, without its token or auth link', async () => {
    const created = await createSession({ ...owner, label: 'Auth me' });
    const { status, body } = await authenticate(created.body.token);
    expect(status).toBe(201);
    const { token: _token, auth_link_url: _link, ...session } = created.body;
    expect(body).toEqual(session);
  });

  it('accepts a token again while it is valid', async () => {
    const created = await createSession(owner);
    expect((await authenticate(created.body.token)).status).toBe(201);
    expect((await authenticate(created.body.token)).status).toBe(201);
  });

  it('answers 401 for an unknown token', async () => {
    const { status, body } = await authenticate('0'.repeat(64));
    expect(status).toBe(401);
    expectErrorBody(body, 401, /Invalid or expired connect session token/);
  });

  it('answers 401 for an expired token', async () => {
    const created = await createSession({ ...owner, expires_in: 0.001 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const { status, body } = await authenticate(created.body.token);
    expect(status).toBe(401);
    expectErrorBody(body, 401, /Invalid or expired/);
  });

  it('answers 400 when the token is missing or not a string', async () => {
    expectErrorBody((await post('/connect_sessions/authenticate', {})).body, 400, /token is required/);
    expectErrorBody((await authenticate(12)).body, 400, /token must be a string/);
  });
});
