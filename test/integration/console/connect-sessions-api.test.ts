import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestConsole,
  type ConsoleClient,
  type SuccessBody,
  type TestConsole,
} from '../../support/console.ts';
import { platformFetch } from '../../support/sandbox.ts';

interface WireAccount {
  id: string;
  provider: string;
  origin_owner_id: string;
  origin_owner_name: string;
  origin_username: string | null;
}

/** The session as StackOne holds it (what the Hub will see when it authenticates with the token). */
interface WireSession {
  origin_owner_id: string;
  origin_owner_name: string;
  origin_username: string | null;
  provider: string | null;
  account_id: string | null;
  categories: string[] | null;
  label: string | null;
  multiple: boolean;
  created_at: string;
  expires_at: string;
}

// Sessions are stored upstream only: the database kind plays no part here.
describe('connect sessions through /api', () => {
  let t: TestConsole;
  let seeded: WireAccount[];

  beforeAll(async () => {
    t = await startTestConsole({ autoSync: false, sandbox: { accounts: 20, webhookUrls: [] } });
    seeded = (await (await platformFetch(t.sandbox, '/accounts?page_size=100')).json()) as WireAccount[];
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Either way of opening a session (both answer the same); the server fills in what a body leaves out. */
  const post = async (path: string, body: unknown) => {
    const res = await t.api(path, { method: 'POST', body: JSON.stringify(body) });
    const session: SuccessBody<ConsoleClient['connect-sessions']['$post']> = await res.json();
    return { status: res.status, body: session };
  };
  const sandboxSession = async (token: string) => {
    const res = await platformFetch(t.sandbox, '/connect_sessions/authenticate', {
      method: 'POST',
      body: JSON.stringify({ token }),
    });
    expect(res.status).toBe(201);
    return (await res.json()) as WireSession;
  };

  describe('POST /api/accounts/:id/connect-session', () => {
    it('opens the Hub in edit mode for the account, with its owner and provider', async () => {
      const account = seeded.find((a) => a.origin_username)!;
      const before = Date.now();
      const { status, body } = await post(`/api/accounts/${account.id}/connect-session`, { purpose: 'hub' });
      expect(status).toBe(201);
      expect(body).toEqual({
        token: expect.any(String),
        authLinkUrl: expect.stringContaining(encodeURIComponent(body.token)),
        expiresAt: expect.any(String),
        hub: { baseUrl: t.sandbox.url, appUrl: t.sandbox.url },
        accountId: account.id,
      });
      // The Hub session lasts half an hour unless told otherwise.
      expect(Date.parse(body.expiresAt) - before).toBeGreaterThan(1790_000);
      expect(Date.parse(body.expiresAt) - before).toBeLessThan(1810_000);

      const session = await sandboxSession(body.token);
      expect(session).toMatchObject({
        origin_owner_id: account.origin_owner_id,
        origin_owner_name: account.origin_owner_name,
        origin_username: account.origin_username,
        provider: account.provider,
        account_id: account.id,
      });
      expect(session.expires_at).toBe(body.expiresAt);
    });

    it('creates a re-link auth link lasting the chosen time', async () => {
      const account = seeded[1]!;
      const { status, body } = await post(`/api/accounts/${account.id}/connect-session`, {
        purpose: 'auth_link',
        expiresIn: 86_400,
      });
      expect(status).toBe(201);
      expect(body.authLinkUrl).toMatch(new RegExp(`^${t.sandbox.url}/`));
      expect(body.accountId).toBe(account.id);
      const session = await sandboxSession(body.token);
      expect(session).toMatchObject({ account_id: account.id, provider: account.provider });
      expect(Date.parse(session.expires_at) - Date.parse(session.created_at)).toBe(86_400_000);
      expect(body.expiresAt).toBe(session.expires_at);
    });

    it('answers 404 for an account StackOne does not have', async () => {
      const res = await t.api('/api/accounts/00000000000000000000/connect-session', {
        method: 'POST',
        body: JSON.stringify({ purpose: 'hub' }),
      });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: 'not_found', upstream: { status: 404 } } });
    });
  });

  describe('POST /api/connect-sessions', () => {
    it('opens the Hub for a new labelled account in multiple mode', async () => {
      const { status, body } = await post('/api/connect-sessions', {
        originOwnerId: 'cust_new_1',
        originOwnerName: 'Société Nouvelle',
        originUsername: 'ops@nouvelle.fr',
        provider: 'hibob',
        label: 'EU entity',
        multiple: true,
      });
      expect(status).toBe(201);
      expect(body.accountId).toBeNull();
      expect(await sandboxSession(body.token)).toMatchObject({
        origin_owner_id: 'cust_new_1',
        origin_owner_name: 'Société Nouvelle',
        origin_username: 'ops@nouvelle.fr',
        provider: 'hibob',
        label: 'EU entity',
        multiple: true,
        account_id: null,
      });
    });

    it('uses multiple mode unless told otherwise, and passes categories', async () => {
      const { body } = await post('/api/connect-sessions', {
        originOwnerId: 'cust_new_2',
        originOwnerName: 'Café Neu',
        categories: ['hris', 'ats'],
      });
      expect(await sandboxSession(body.token)).toMatchObject({
        multiple: true,
        provider: null,
        categories: ['hris', 'ats'],
        label: null,
      });
      const single = await post('/api/connect-sessions', {
        originOwnerId: 'cust_new_2',
        originOwnerName: 'Café Neu',
        multiple: false,
      });
      expect((await sandboxSession(single.body.token)).multiple).toBe(false);
    });

    it('passes StackOne’s refusal of an unknown provider on as a 400', async () => {
      const res = await t.api('/api/connect-sessions', {
        method: 'POST',
        body: JSON.stringify({ originOwnerId: 'c', originOwnerName: 'C', provider: 'no-such-provider' }),
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({
        error: { code: 'bad_request', message: expect.stringContaining('StackOne answered 400') },
      });
    });
  });

  describe('GET /api/connectors', () => {
    it('lists every StackOne connector with its name, category and logo, by name', async () => {
      const upstream = (await (await platformFetch(t.sandbox, '/connectors/meta')).json()) as unknown[];
      const res = await t.client.connectors.$get();
      expect(res.status).toBe(200);
      const { items } = await res.json();
      expect(items).toHaveLength(upstream.length);
      expect(items.map((c) => c.name)).toEqual(items.map((c) => c.name).sort((a, b) => a.localeCompare(b)));
      expect(items.find((c) => c.provider === 'hibob')).toEqual({
        provider: 'hibob',
        name: expect.any(String),
        category: 'hris',
        logoUrl: expect.stringMatching(/^http/),
        active: true,
      });
    });
  });
});
