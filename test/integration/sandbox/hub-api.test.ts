import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CONNECTORS } from '../../../server/sandbox/catalog/connectors.ts';
import type { AccountEvent } from '../../../server/sandbox/model.ts';
import type { RunningSandbox } from '../../../server/sandbox/start-sandbox.ts';
import { createHubSession, hubFetch } from '../../support/hub-host-page.ts';
import { platformFetch, startTestSandbox } from '../../support/sandbox.ts';

let sandbox: RunningSandbox;
const events: AccountEvent[] = [];

beforeAll(async () => {
  sandbox = await startTestSandbox();
  sandbox.context.store.onAccountEvent((e) => events.push(e));
});
afterAll(() => sandbox?.close());
afterEach(() => {
  sandbox.context.reset();
  events.length = 0;
});

const store = () => sandbox.context.store;
const hub = (token: string | null, path: string, init?: RequestInit) =>
  hubFetch(sandbox.url, token, path, init);
const post = (token: string, path: string, body: unknown) =>
  hub(token, path, { method: 'POST', body: JSON.stringify(body) });
const patch = (token: string, path: string, body: unknown) =>
  hub(token, path, { method: 'PATCH', body: JSON.stringify(body) });

interface HubIntegration {
  provider: string;
  type: string;
  integration_id: string;
  logo_url: string;
  active: boolean;
}
interface HubField {
  key: string;
  type: string;
  secret: boolean;
  required: boolean;
  value?: string;
}
interface LegacyConfig {
  configFields?: unknown;
  authentication: Record<
    string,
    { production: { type: string; guide: { supportLink: string }; fields: HubField[] } }
  >;
}
interface FalconConfig {
  type: string;
  grantType?: string;
  authentication?: unknown;
  configFields: HubField[];
  configNotices: unknown[];
}
const connectorConfig = async <T>(token: string, integrationId: string) =>
  ((await (await hub(token, `/hub/connectors/${integrationId}`)).json()) as { config: T }).config;

const integrations = async (token: string, query = '') => {
  const res = await hub(token, `/hub/connectors${query}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { integrations: HubIntegration[] }).integrations;
};

describe('Hub session auth and CORS', () => {
  it('answers the preflight for the headers and methods the Hub uses', async () => {
    const res = await fetch(`${sandbox.url}/hub/accounts/x`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://127.0.0.1:5999',
        'access-control-request-method': 'PATCH',
        'access-control-request-headers': 'content-type,x-hub-session-token,x-hub-version',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const allowed = res.headers.get('access-control-allow-headers')!.toLowerCase();
    for (const h of ['content-type', 'x-hub-session-token', 'x-hub-version']) expect(allowed).toContain(h);
    expect(res.headers.get('access-control-allow-methods')).toMatch(/PATCH/);
    expect(res.headers.get('access-control-allow-methods')).toMatch(/DELETE/);
  });

  it('puts the CORS header on real responses, errors included', async () => {
    const session = createHubSession(store());
    expect((await hub(session.token, '/hub/settings')).headers.get('access-control-allow-origin')).toBe('*');
    expect((await hub('nope', '/hub/settings')).headers.get('access-control-allow-origin')).toBe('*');
  });

  it('answers 401 with a statusCode body for a missing, unknown or expired token', async () => {
    const expired = createHubSession(store(), { expires_in: 0 });
    for (const token of [null, 'not-a-token', expired.token]) {
      const res = await hub(token, '/hub/connectors');
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ statusCode: 401 });
    }
  });

  it('answers an expired token on PATCH with 410, because the Hub takes a 401 there for success', async () => {
    const account = store().listAccounts()[0]!;
    const session = createHubSession(store(), { account_id: account.id, expires_in: 0 });
    const res = await patch(session.token, `/hub/accounts/${account.id}`, {
      integration_id: account.integration_id,
      credentials: {},
    });
    expect(res.status).toBe(410);
    expect(await res.json()).toMatchObject({ statusCode: 410 });
  });

  it('gives settings with the edit account only for an edit session', async () => {
    const account = store().listAccounts()[0]!;
    const plain = createHubSession(store());
    const edit = createHubSession(store(), { account_id: account.id });
    expect(await (await hub(plain.token, '/hub/settings')).json()).toEqual({ enabled_features: [] });
    expect(await (await hub(edit.token, '/hub/settings')).json()).toEqual({
      enabled_features: [],
      existing_account_id: account.id,
    });
  });
});

describe('Hub connectors', () => {
  it('lists every connector with a sandbox logo for an unrestricted session', async () => {
    const session = createHubSession(store());
    const res = await hub(session.token, '/hub/connectors');
    const body = (await res.json()) as { integrations: HubIntegration[]; external_trigger_token: string };
    expect(body.integrations).toHaveLength(CONNECTORS.length);
    expect(body.external_trigger_token).toBe(session.external_trigger_token);
    const bamboo = body.integrations.find((i) => i.provider === 'bamboohr');
    expect(bamboo).toEqual({
      active: true,
      name: 'BambooHR',
      provider: 'bamboohr',
      type: 'hris',
      version: '1.0.0',
      integration_id: 'int_bamboohr_apikey',
      authentication_config_key: 'api_key',
      environment: 'production',
      logo_url: `${sandbox.url}/logos/bamboohr.svg`,
    });
    const logo = await fetch(bamboo!.logo_url);
    expect(logo.status).toBe(200);
  });

  it('narrows the list to the session provider, to its categories, or to the edited account', async () => {
    const locked = createHubSession(store(), { provider: 'greenhouse' });
    expect((await integrations(locked.token)).map((i) => i.provider)).toEqual(['greenhouse']);

    const categories = createHubSession(store(), { categories: ['ats', 'crm'] });
    const types = new Set((await integrations(categories.token)).map((i) => i.type));
    expect(types).toEqual(new Set(['ats', 'crm']));

    const account = store()
      .listAccounts()
      .find((a) => a.provider === 'hibob')!;
    const edit = createHubSession(store(), { account_id: account.id, provider: 'greenhouse' });
    expect((await integrations(edit.token)).map((i) => i.integration_id)).toEqual([account.integration_id]);
    expect(await integrations(edit.token, '?provider=hibob')).toHaveLength(1);
  });

  it('filters by ?provider= as the Hub asks in edit mode', async () => {
    const session = createHubSession(store());
    expect((await integrations(session.token, '?provider=okta')).map((i) => i.provider)).toEqual(['okta']);
    expect(await integrations(session.token, '?provider=unknown')).toEqual([]);
  });

  it('serves BambooHR in the legacy config shape with explicit secret flags', async () => {
    const session = createHubSession(store());
    const config = await connectorConfig<LegacyConfig>(session.token, 'int_bamboohr_apikey');
    expect(config.configFields).toBeUndefined();
    const auth = config.authentication.api_key!.production;
    expect(auth.type).toBe('custom');
    expect(auth.guide.supportLink).toBe(`${sandbox.url}/guides/bamboohr`);
    const fields = Object.fromEntries(auth.fields.map((f) => [f.key, f]));
    expect(fields.subdomain).toMatchObject({ secret: false, required: true, type: 'text' });
    expect(fields.api_key).toMatchObject({ secret: true, type: 'password' });
    expect(fields.region).toMatchObject({ secret: false, type: 'select', value: 'us' });
  });

  it('serves the falcon shape with OAuth marked as an authorization-code flow', async () => {
    const session = createHubSession(store());
    const hubspot = await connectorConfig<FalconConfig>(session.token, 'int_hubspot_oauth');
    expect(hubspot).toMatchObject({
      key: 'hubspot',
      name: 'HubSpot',
      type: 'oauth2',
      grantType: 'authorization_code',
      assets: { icon: `${sandbox.url}/logos/hubspot.svg` },
      configFields: [],
    });
    expect(hubspot.authentication).toBeUndefined();
    expect(hubspot.configNotices).toHaveLength(1);

    const greenhouse = await connectorConfig<FalconConfig>(session.token, 'int_greenhouse_basic');
    expect(greenhouse.type).toBe('custom');
    expect('grantType' in greenhouse).toBe(false);
    expect(greenhouse.configFields.map((f) => f.secret)).toEqual([true, false]);
  });

  it('answers 404 JSON for an integration the session may not use', async () => {
    const session = createHubSession(store(), { provider: 'greenhouse' });
    const res = await hub(session.token, '/hub/connectors/int_hubspot_oauth');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ statusCode: 404 });
  });
});

describe('Hub accounts', () => {
  const ashby = (api_key: string) => ({ integration_id: 'int_ashby_apikey', credentials: { api_key } });

  it('creates an active account with the session label and metadata, firing one webhook event', async () => {
    const session = createHubSession(store(), {
      origin_owner_id: 'cust_new',
      origin_owner_name: 'New Co',
      label: 'Hiring',
      metadata: { plan: 'growth' },
      type: 'test',
    });
    const res = await post(session.token, '/hub/accounts', {
      integration_id: 'int_bamboohr_apikey',
      credentials: { subdomain: 'newco', api_key: 'bamboo_secret_1', region: 'eu', stray: 'dropped' },
    });
    expect(res.status).toBe(200);
    const { id, provider } = (await res.json()) as { id: string; provider: string };
    expect(provider).toBe('bamboohr');
    expect(store().getAccount(id)).toMatchObject({
      provider: 'bamboohr',
      provider_name: 'BambooHR',
      status: 'active',
      status_reasons: null,
      origin_owner_id: 'cust_new',
      origin_owner_name: 'New Co',
      label: 'Hiring',
      metadata: { plan: 'growth' },
      type: 'test',
      integration_id: 'int_bamboohr_apikey',
      setup_information: { subdomain: 'newco', region: 'eu' },
      secrets: { api_key: 'bamboo_secret_1' },
    });
    expect(events.map((e) => [e.event, e.account.id])).toEqual([['account.created', id]]);

    const viaPlatform = await platformFetch(sandbox, `/accounts/${id}`);
    expect(await viaPlatform.json()).toMatchObject({ id, status: 'active', label: 'Hiring' });
  });

  it('rejects missing required fields and OAuth connectors on the credential route', async () => {
    const session = createHubSession(store());
    const missing = await post(session.token, '/hub/accounts', {
      integration_id: 'int_bamboohr_apikey',
      credentials: { api_key: 'x' },
    });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { message: string }).message).toMatch(/Subdomain/);
    const oauth = await post(session.token, '/hub/accounts', { integration_id: 'int_hubspot_oauth' });
    expect(oauth.status).toBe(400);
    expect(store().listAccounts()).toHaveLength(60);
  });

  it('creates a second account for the same owner and provider only when the session allows multiple', async () => {
    const owner = { origin_owner_id: 'cust_multi', origin_owner_name: 'Multi Co' };
    const first = await post(
      createHubSession(store(), { ...owner, multiple: true }).token,
      '/hub/accounts',
      ashby('key_aaaaaaaa'),
    );
    const second = await post(
      createHubSession(store(), { ...owner, multiple: true }).token,
      '/hub/accounts',
      ashby('key_bbbbbbbb'),
    );
    const ids = [((await first.json()) as { id: string }).id, ((await second.json()) as { id: string }).id];
    expect(new Set(ids).size).toBe(2);
    const owned = () =>
      store()
        .listAccounts()
        .filter((a) => a.origin_owner_id === 'cust_multi');
    expect(owned()).toHaveLength(2);

    // Without `multiple`, the next completion re-links the existing account instead.
    const third = await post(
      createHubSession(store(), { ...owner, origin_owner_name: 'Multi Co Renamed', label: 'Relinked' }).token,
      '/hub/accounts',
      ashby('key_cccccccc'),
    );
    const relinked = ((await third.json()) as { id: string }).id;
    expect(ids).toContain(relinked);
    expect(owned()).toHaveLength(2);
    expect(store().getAccount(relinked)).toMatchObject({
      origin_owner_name: 'Multi Co Renamed',
      label: 'Relinked',
      secrets: { api_key: 'key_cccccccc' },
    });
    expect(events.map((e) => e.event)).toEqual(['account.created', 'account.created', 'account.updated']);
  });

  it('updates the existing account of an owner and provider when the session is not multiple', async () => {
    const owner = { origin_owner_id: 'cust_single', origin_owner_name: 'Single Co' };
    const a = await post(createHubSession(store(), owner).token, '/hub/accounts', ashby('key_11111111'));
    const b = await post(createHubSession(store(), owner).token, '/hub/accounts', ashby('key_22222222'));
    const [idA, idB] = [((await a.json()) as { id: string }).id, ((await b.json()) as { id: string }).id];
    expect(idB).toBe(idA);
    expect(
      store()
        .listAccounts()
        .filter((x) => x.origin_owner_id === 'cust_single'),
    ).toHaveLength(1);
  });

  it('reads the edited account in camelCase with redacted secrets, and only that account', async () => {
    const account = store()
      .listAccounts()
      .find((a) => a.provider === 'bamboohr')!;
    const other = store()
      .listAccounts()
      .find((a) => a.id !== account.id)!;
    const session = createHubSession(store(), { account_id: account.id });
    const res = await hub(session.token, `/hub/accounts/${account.id}`);
    expect(await res.json()).toEqual({
      secureId: account.id,
      provider: 'bamboohr',
      integrationId: 'int_bamboohr_apikey',
      version: '1.0.0',
      authConfigKey: 'api_key',
      environment: 'production',
      setupInformation: account.setup_information,
      secrets: { api_key: `__secretvalue:**redacted**${account.secrets.api_key!.slice(-4)}` },
    });
    const foreign = await hub(session.token, `/hub/accounts/${other.id}`);
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toMatchObject({ statusCode: 404 });
  });

  it('merges a PATCH into the stored credentials and reactivates the account', async () => {
    const account = store()
      .listAccounts()
      .find((a) => a.provider === 'bamboohr' && a.status === 'error')!;
    const oldKey = account.secrets.api_key;
    const session = createHubSession(store(), { account_id: account.id, label: 'Fixed' });
    // The Hub leaves out unchanged redacted secrets.
    const res = await patch(session.token, `/hub/accounts/${account.id}`, {
      integration_id: 'int_bamboohr_apikey',
      credentials: { subdomain: 'renamed', region: 'eu' },
    });
    expect(res.status).toBe(200);
    expect(store().getAccount(account.id)).toMatchObject({
      status: 'active',
      status_reasons: null,
      label: 'Fixed',
      setup_information: { subdomain: 'renamed', region: 'eu' },
      secrets: { api_key: oldKey },
    });

    await patch(session.token, `/hub/accounts/${account.id}`, {
      integration_id: 'int_bamboohr_apikey',
      credentials: { api_key: 'rotated_key_999' },
    });
    expect(store().getAccount(account.id)).toMatchObject({
      setup_information: { subdomain: 'renamed' },
      secrets: { api_key: 'rotated_key_999' },
    });
    expect(events.map((e) => e.event)).toEqual(['account.updated', 'account.updated']);
  });

  it('refuses a PATCH of an account other than the session one', async () => {
    const [mine, other] = store().listAccounts();
    const session = createHubSession(store(), { account_id: mine!.id });
    const res = await patch(session.token, `/hub/accounts/${other!.id}`, {
      integration_id: other!.integration_id,
      credentials: {},
    });
    expect(res.status).toBe(404);
  });

  it.each([
    ['invalid', 400, 'Invalid credentials', 401],
    ['forbidden', 400, 'Insufficient permissions', 403],
    ['timeout', 502, 'Provider unreachable', undefined],
  ])(
    'answers a secret of "%s" with %i "%s" and changes nothing',
    async (secret, status, message, providerStatus) => {
      const account = store()
        .listAccounts()
        .find((a) => a.provider === 'bamboohr')!;
      const before = structuredClone(account);
      const create = await post(createHubSession(store()).token, '/hub/accounts', ashby(secret));
      const edit = await patch(
        createHubSession(store(), { account_id: account.id }).token,
        `/hub/accounts/${account.id}`,
        {
          integration_id: 'int_bamboohr_apikey',
          credentials: { subdomain: 'changed', api_key: secret },
        },
      );
      for (const res of [create, edit]) {
        expect(res.status).toBe(status);
        const body = (await res.json()) as { statusCode: number; message: string; provider_response: string };
        expect(body).toMatchObject({ statusCode: status, message });
        expect(JSON.parse(body.provider_response).status).toBe(providerStatus);
      }
      expect(store().listAccounts()).toHaveLength(60);
      expect(store().getAccount(account.id)).toEqual(before);
      expect(events).toEqual([]);
    },
  );
});
