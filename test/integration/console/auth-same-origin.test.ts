import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestConsole, TEST_ADMIN, type TestConsole } from '../../support/console.ts';
import { platformFetch } from '../../support/sandbox.ts';

const FOREIGN = 'https://evil.example.test';

const sessionCookieOf = (res: Response) =>
  res.headers.getSetCookie().find((c) => c.includes('session_token='));

// Origin checks and cookie attributes are decided before any query: one database is enough.
describe('state changes only from the console itself', () => {
  let t: TestConsole;
  let accounts: { id: string; label: string | null }[];
  let next = 0;
  let adminCookie: string;

  beforeAll(async () => {
    t = await startTestConsole({ autoSync: false, sandbox: { accounts: 10, webhookUrls: [] } });
    adminCookie = await t.signIn(TEST_ADMIN.email, TEST_ADMIN.password);
    await t.console.deps.sync.runFull();
    accounts = (await (await platformFetch(t.sandbox, '/accounts')).json()) as typeof accounts;
  });
  afterAll(async () => {
    await t?.close();
  });

  /** fetch with the admin cookie and exactly the headers given (no Origin unless given). */
  const bare = (path: string, init: RequestInit & { headers?: Record<string, string> } = {}) => {
    return fetch(`${t.console.url}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', cookie: adminCookie, ...init.headers },
    });
  };
  const upstreamAccount = (id: string) => platformFetch(t.sandbox, `/accounts/${id}`);

  const mutations = () => {
    const account = accounts[next++]!;
    return [
      {
        name: 'PATCH a label',
        path: `/api/accounts/${account.id}`,
        init: { method: 'PATCH', body: JSON.stringify({ label: 'Cross-site label' }) },
        unchanged: async () =>
          expect(((await (await upstreamAccount(account.id)).json()) as { label: unknown }).label).toBe(
            account.label,
          ),
      },
      {
        name: 'DELETE an account',
        path: `/api/accounts/${account.id}`,
        init: { method: 'DELETE' },
        unchanged: async () => expect((await upstreamAccount(account.id)).status).toBe(200),
      },
      {
        name: 'POST a user',
        path: '/api/users',
        init: {
          method: 'POST',
          body: JSON.stringify({
            email: 'intruder@evil.example.test',
            name: 'Intruder',
            password: 'intruder-password',
            role: 'admin',
          }),
        },
        unchanged: async () => {
          const users = await (await t.client.users.$get()).json();
          expect(users.items.map((u) => u.email)).not.toContain('intruder@evil.example.test');
        },
      },
    ];
  };

  it('refuses POST, PATCH and DELETE from a foreign Origin with 403, and changes nothing', async () => {
    for (const m of mutations()) {
      const res = await bare(m.path, { ...m.init, headers: { origin: FOREIGN } });
      expect(res.status, m.name).toBe(403);
      expect(await res.json()).toEqual({
        error: { code: 'forbidden', message: expect.stringContaining('Cross-origin request refused') },
      });
      await m.unchanged();
    }
  });

  it('refuses them without Origin and without Sec-Fetch-Site: same-origin', async () => {
    for (const m of mutations()) {
      for (const headers of [{}, { 'sec-fetch-site': 'cross-site' }] as Record<string, string>[]) {
        const res = await bare(m.path, { ...m.init, headers });
        expect(res.status, `${m.name} ${JSON.stringify(headers)}`).toBe(403);
      }
      await m.unchanged();
    }
  });

  it('accepts a state change without Origin when Sec-Fetch-Site says same-origin', async () => {
    const account = accounts[next++]!;
    const res = await bare(`/api/accounts/${account.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ label: 'Same-origin label' }),
      headers: { 'sec-fetch-site': 'same-origin' },
    });
    expect(res.status).toBe(200);
  });

  it('refuses a cross-site sign-in and a cross-site first-run setup', async () => {
    const signIn = await fetch(`${t.console.url}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: FOREIGN },
      body: JSON.stringify(TEST_ADMIN),
    });
    expect(signIn.status).toBe(403);
    expect(signIn.headers.getSetCookie()).toEqual([]);
    const signOut = await bare('/api/auth/sign-out', { method: 'POST', headers: { origin: FOREIGN } });
    expect(signOut.status).toBe(403);
  });

  it('answers reads from anywhere, since they change nothing', async () => {
    for (const path of ['/api/accounts', `/api/accounts/${accounts[0]!.id}`, '/api/me', '/api/users']) {
      const res = await bare(path, { headers: { origin: FOREIGN } });
      expect(res.status, path).toBe(200);
      // Not readable by the foreign page all the same: no CORS grant.
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('sets the session cookie HttpOnly, SameSite=Lax, for the whole site, and not Secure over http', async () => {
    const res = await t.api('/api/auth/sign-in/email', {
      method: 'POST',
      cookie: '',
      body: JSON.stringify(TEST_ADMIN),
    });
    expect(res.status).toBe(200);
    const cookie = sessionCookieOf(res)!;
    expect(cookie).toMatch(/^better-auth\.session_token=/);
    const attributes = cookie.split(';').map((a) => a.trim().toLowerCase());
    expect(attributes).toContain('httponly');
    expect(attributes).toContain('samesite=lax');
    expect(attributes).toContain('path=/');
    expect(attributes).not.toContain('secure');
  });
});

describe('a console served over https', () => {
  const PUBLIC_URL = 'https://console.example.test';
  let t: TestConsole;

  beforeAll(async () => {
    t = await startTestConsole({
      autoSync: false,
      env: { PUBLIC_URL },
      sandbox: { accounts: 1, webhookUrls: [] },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('sets a Secure session cookie that works on the next request', async () => {
    const res = await t.api('/api/auth/sign-in/email', {
      method: 'POST',
      cookie: '',
      headers: { origin: PUBLIC_URL },
      body: JSON.stringify(TEST_ADMIN),
    });
    expect(res.status).toBe(200);
    const cookie = sessionCookieOf(res)!;
    const attributes = cookie.split(';').map((a) => a.trim().toLowerCase());
    expect(attributes).toContain('secure');
    expect(attributes).toContain('httponly');
    expect(attributes).toContain('samesite=lax');
    const me = await t.api('/api/me', { cookie: cookie.split(';')[0]!, headers: { origin: PUBLIC_URL } });
    expect(me.status).toBe(200);
  });

  it('takes only its https origin as its own', async () => {
    for (const origin of ['http://console.example.test', t.console.url]) {
      const res = await t.api('/api/auth/sign-in/email', {
        method: 'POST',
        cookie: '',
        headers: { origin },
        body: JSON.stringify(TEST_ADMIN),
      });
      expect(res.status, origin).toBe(403);
    }
  });
});
