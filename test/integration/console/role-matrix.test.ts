import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiRoutes } from '../../../server/app.ts';
import type { Role } from '../../../shared/schemas/roles.ts';
import { startTestConsole, TEST_DATABASES, type TestConsole } from '../../support/console.ts';
import { platformFetch } from '../../support/sandbox.ts';

type Caller = 'anonymous' | Role;
const CALLERS: Caller[] = ['anonymous', 'viewer', 'support', 'manager', 'admin'];

/**
 * Every route and the status each caller gets, written out by hand from the roles table of
 * ARCHITECTURE.md (not derived from shared/permissions.ts, so a wrong permission there shows here).
 * Columns: anonymous, viewer, support, manager, admin.
 */
// prettier-ignore
const MATRIX: Record<string, [number, number, number, number, number]> = {
  'GET /api/accounts':                               [401, 200, 200, 200, 200],
  'GET /api/accounts/:id':                           [401, 200, 200, 200, 200],
  'PATCH /api/accounts/:id':                         [401, 403, 200, 200, 200],
  'DELETE /api/accounts/:id':                        [401, 403, 403, 403, 200],
  'POST /api/accounts/:id/connect-session (hub)':    [401, 403, 201, 201, 201],
  'POST /api/accounts/:id/connect-session (link)':   [401, 403, 201, 201, 201],
  'GET /api/accounts/:id/logs':                      [401, 200, 200, 200, 200],
  'GET /api/accounts/:id/logs/:logId':               [401, 200, 200, 200, 200],
  'GET /api/accounts/:id/raw':                       [401, 200, 200, 200, 200],
  'POST /api/connect-sessions':                      [401, 403, 403, 201, 201],
  'GET /api/connectors':                             [401, 200, 200, 200, 200],
  'GET /api/events':                                 [401, 200, 200, 200, 200],
  'GET /api/me':                                     [401, 200, 200, 200, 200],
  'GET /api/users':                                  [401, 403, 403, 403, 200],
  'POST /api/users':                                 [401, 403, 403, 403, 201],
  'PATCH /api/users/:id':                            [401, 403, 403, 403, 200],
  'GET /api/audit':                                  [401, 403, 403, 403, 200],
  'GET /api/audit.csv':                              [401, 403, 403, 403, 200],
  'GET /api/settings/stackone/doctor':               [401, 403, 403, 403, 200],
  'GET /api/sandbox':                                [401, 200, 200, 200, 200],
  'POST /api/sandbox/accounts/:id/break':            [401, 403, 403, 403, 200],
  'POST /api/sandbox/faults':                        [401, 403, 403, 403, 201],
  'DELETE /api/sandbox/faults':                      [401, 403, 403, 403, 200],
  'GET /api/links':                                  [401, 200, 200, 200, 200],
  'POST /api/links/:id/revoke':                      [401, 403, 200, 200, 200],
  'POST /api/links/bulk':                            [401, 403, 202, 202, 202],
  'GET /api/links/bulk/:jobId':                      [401, 403, 200, 200, 200],
  'GET /api/links/bulk/:jobId/csv':                  [401, 403, 200, 200, 200],
  'GET /api/overview':                               [401, 200, 200, 200, 200],
  'GET /api/customers':                              [401, 200, 200, 200, 200],
  'GET /api/accounts/csv':                           [401, 200, 200, 200, 200],
  'GET /api/views':                                  [401, 200, 200, 200, 200],
  'POST /api/views':                                 [401, 201, 201, 201, 201],
  // Another user's shared view: everyone reads it, only admins change it.
  'GET /api/views/:id':                              [401, 200, 200, 200, 200],
  'PATCH /api/views/:id':                            [401, 403, 403, 403, 200],
  'DELETE /api/views/:id':                           [401, 403, 403, 403, 200],
  'GET /api/alert-destinations':                     [401, 403, 403, 403, 200],
  'POST /api/alert-destinations':                    [401, 403, 403, 403, 201],
  'DELETE /api/alert-destinations/:id':              [401, 403, 403, 403, 200],
  'POST /api/alert-destinations/:id/test':           [401, 403, 403, 403, 202],
  'GET /api/alert-destinations/:id/deliveries':      [401, 403, 403, 403, 200],
  'GET /api/incidents':                              [401, 200, 200, 200, 200],
  'GET /api/incidents/:id':                          [401, 200, 200, 200, 200],
  'PATCH /api/incidents/:id':                        [401, 403, 200, 200, 200],
  'POST /api/incidents/:id/notes':                   [401, 403, 201, 201, 201],
  // Public.
  'GET /api/health':                                 [200, 200, 200, 200, 200],
  'GET /api/ready':                                  [200, 200, 200, 200, 200],
  'GET /api/setup':                                  [200, 200, 200, 200, 200],
  'POST /api/setup (already done)':                  [409, 409, 409, 409, 409],
  'POST /webhooks/stackone (bad signature)':         [401, 401, 401, 401, 401],
};

interface WireAccount {
  id: string;
  provider: string;
  label: string | null;
  status?: string;
  status_reasons?: { code: string | null }[] | null;
}

interface Call {
  path: string;
  init?: RequestInit;
  /** For a refused mutation: checks that nothing changed. */
  unchanged?: () => Promise<void>;
}

describe.each(TEST_DATABASES)('who may call which route, on $name', ({ kind }) => {
  let t: TestConsole;
  let accounts: WireAccount[];
  let nextAccount = 0;
  let nextUser = 0;
  const cookies = {} as Record<Caller, string>;

  beforeAll(async () => {
    t = await startTestConsole({
      database: kind,
      autoSync: false,
      sandbox: { accounts: 30, webhookUrls: [] },
    });
    await t.console.deps.sync.runFull();
    accounts = (await (await platformFetch(t.sandbox, '/accounts?page_size=100')).json()) as WireAccount[];
    cookies.anonymous = '';
    for (const role of ['viewer', 'support', 'manager', 'admin'] as const)
      cookies[role] = await t.userCookie(role);
    // A deliberate budget: four password hashes and a console start on a busy machine.
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  /** A real account no other call has touched, so an allowed mutation succeeds. */
  const freshAccount = () => accounts[nextAccount++]!;
  const upstream = async (id: string) => {
    const res = await platformFetch(t.sandbox, `/accounts/${id}`);
    return { status: res.status, body: (await res.json()) as WireAccount };
  };
  const freshUserId = async () => {
    const res = await t.client.users.$post({
      json: {
        email: `target-${++nextUser}@switchboard.test`,
        name: 'Target',
        password: 'target-password-1',
        role: 'viewer',
      },
    });
    expect(res.status).toBe(201);
    return (await res.json()).id;
  };
  const json = (method: string, body: unknown): RequestInit => ({ method, body: JSON.stringify(body) });
  /** A live ledger entry made by the admin, so that an allowed revoke succeeds. */
  const freshLinkId = async () => {
    const res = await t.api(
      `/api/accounts/${accounts[0]!.id}/connect-session`,
      json('POST', { purpose: 'auth_link' }),
    );
    expect(res.status).toBe(201);
    return ((await res.json()) as { link: { id: string } }).link.id;
  };
  const linkState = async (id: string) => {
    const res = await t.api('/api/links?pageSize=200');
    return ((await res.json()) as { items: { id: string; state: string }[] }).items.find((l) => l.id === id)
      ?.state;
  };
  let bulkJob: Promise<string> | null = null;
  const bulkJobId = () =>
    (bulkJob ??= t
      .api('/api/links/bulk', json('POST', { accountIds: [accounts[1]!.id], expiresIn: 3600 }))
      .then(async (res) => ((await res.json()) as { jobId: string }).jobId));
  /** A view shared by the test's own admin (no caller below owns it), new for each call. */
  const sharedView = async () => {
    const res = await t.api('/api/views', {
      method: 'POST',
      body: JSON.stringify({ name: 'Shared by the seed admin', search: {}, shared: true }),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };
  // No receiver listens there: a test alert is queued (202) and its delivery fails in the background.
  const freshDestinationId = async () => {
    const res = await t.client['alert-destinations'].$post({
      json: { type: 'webhook', name: 'Matrix', url: 'http://127.0.0.1:9/alerts' },
    });
    expect(res.status).toBe(201);
    return (await res.json()).id;
  };
  const destinationCount = async () =>
    (await (await t.client['alert-destinations'].$get()).json()).items.length;
  /** An unresolved incident of the seeded broken accounts (the first sync opened them). */
  const anIncident = async () => {
    const res = await t.api('/api/incidents?pageSize=1');
    const { items } = (await res.json()) as { items: { id: string }[] };
    expect(items.length).toBe(1);
    return items[0]!.id;
  };

  const CALLS: Record<keyof typeof MATRIX, (caller: Caller) => Call | Promise<Call>> = {
    'GET /api/accounts': () => ({ path: '/api/accounts' }),
    'GET /api/accounts/:id': () => ({ path: `/api/accounts/${accounts[0]!.id}` }),
    'PATCH /api/accounts/:id': () => {
      const account = freshAccount();
      return {
        path: `/api/accounts/${account.id}`,
        init: json('PATCH', { label: 'Matrix label' }),
        unchanged: async () => expect((await upstream(account.id)).body.label).toBe(account.label),
      };
    },
    'DELETE /api/accounts/:id': () => {
      const account = freshAccount();
      return {
        path: `/api/accounts/${account.id}`,
        init: { method: 'DELETE' },
        unchanged: async () => expect((await upstream(account.id)).status).toBe(200),
      };
    },
    'POST /api/accounts/:id/connect-session (hub)': () => ({
      path: `/api/accounts/${accounts[0]!.id}/connect-session`,
      init: json('POST', { purpose: 'hub' }),
    }),
    'POST /api/accounts/:id/connect-session (link)': () => ({
      path: `/api/accounts/${accounts[0]!.id}/connect-session`,
      init: json('POST', { purpose: 'auth_link', expiresIn: 3600 }),
    }),
    'GET /api/accounts/:id/logs': () => ({ path: `/api/accounts/${accounts[0]!.id}/logs` }),
    'GET /api/accounts/:id/logs/:logId': async () => {
      const logs = (await (
        await t.api(`/api/accounts/${accounts[0]!.id}/logs`, { cookie: cookies.admin })
      ).json()) as {
        items: { requestId: string }[];
      };
      return { path: `/api/accounts/${accounts[0]!.id}/logs/${logs.items[0]!.requestId}` };
    },
    'GET /api/accounts/:id/raw': () => ({ path: `/api/accounts/${accounts[0]!.id}/raw` }),
    'POST /api/connect-sessions': () => ({
      path: '/api/connect-sessions',
      init: json('POST', {
        originOwnerId: 'cust_matrix',
        originOwnerName: 'Matrix Ltd',
        provider: accounts[0]!.provider,
        label: 'Second entity',
      }),
    }),
    'GET /api/connectors': () => ({ path: '/api/connectors' }),
    'GET /api/events': () => ({ path: '/api/events' }),
    'GET /api/me': () => ({ path: '/api/me' }),
    'GET /api/users': () => ({ path: '/api/users' }),
    'POST /api/users': () => ({
      path: '/api/users',
      init: json('POST', {
        email: `new-${++nextUser}@switchboard.test`,
        name: 'New',
        password: 'new-password-12',
        role: 'viewer',
      }),
    }),
    // Creating a user hashes a password: only the call that will succeed needs its own target.
    'PATCH /api/users/:id': async (caller) => ({
      path: `/api/users/${caller === 'admin' ? await freshUserId() : 'any-user-id'}`,
      init: json('PATCH', { role: 'support' }),
    }),
    'GET /api/audit': () => ({ path: '/api/audit' }),
    'GET /api/audit.csv': () => ({ path: '/api/audit.csv' }),
    'GET /api/settings/stackone/doctor': () => ({ path: '/api/settings/stackone/doctor' }),
    'GET /api/sandbox': () => ({ path: '/api/sandbox' }),
    'POST /api/sandbox/accounts/:id/break': () => {
      const account = freshAccount();
      return {
        path: `/api/sandbox/accounts/${account.id}/break`,
        init: json('POST', { status: 'error', code: 'token_expired' }),
        unchanged: async () =>
          expect((await upstream(account.id)).body.status_reasons ?? []).toEqual(
            account.status_reasons ?? [],
          ),
      };
    },
    // One fault on a path no other row calls, cleared by the next row.
    'POST /api/sandbox/faults': () => ({
      path: '/api/sandbox/faults',
      init: json('POST', { status: 503, path: '/requests/logs', times: 1 }),
    }),
    'DELETE /api/sandbox/faults': () => ({ path: '/api/sandbox/faults', init: { method: 'DELETE' } }),
    'GET /api/links': () => ({ path: '/api/links' }),
    'POST /api/links/:id/revoke': async () => {
      const id = await freshLinkId();
      return {
        path: `/api/links/${id}/revoke`,
        init: { method: 'POST' },
        unchanged: async () => expect(await linkState(id)).toBe('sent'),
      };
    },
    'POST /api/links/bulk': () => ({
      path: '/api/links/bulk',
      init: json('POST', { accountIds: [accounts[2]!.id], expiresIn: 3600 }),
    }),
    'GET /api/links/bulk/:jobId': async () => ({ path: `/api/links/bulk/${await bulkJobId()}` }),
    'GET /api/links/bulk/:jobId/csv': async () => ({ path: `/api/links/bulk/${await bulkJobId()}/csv` }),
    'GET /api/overview': () => ({ path: '/api/overview' }),
    'GET /api/customers': () => ({ path: '/api/customers' }),
    'GET /api/accounts/csv': () => ({ path: '/api/accounts/csv?status=error' }),
    'GET /api/views': () => ({ path: '/api/views' }),
    'POST /api/views': () => ({
      path: '/api/views',
      init: json('POST', { name: 'Matrix view', search: { status: ['error'] } }),
    }),
    'GET /api/views/:id': async () => ({ path: `/api/views/${await sharedView()}` }),
    'PATCH /api/views/:id': async () => ({
      path: `/api/views/${await sharedView()}`,
      init: json('PATCH', { name: 'Renamed by the matrix' }),
    }),
    'DELETE /api/views/:id': async () => ({
      path: `/api/views/${await sharedView()}`,
      init: { method: 'DELETE' },
    }),
    'GET /api/alert-destinations': () => ({ path: '/api/alert-destinations' }),
    'POST /api/alert-destinations': async () => {
      const before = await destinationCount();
      return {
        path: '/api/alert-destinations',
        init: json('POST', { type: 'slack', name: 'Matrix Slack', url: 'https://hooks.slack.example/T/B/x' }),
        unchanged: async () => expect(await destinationCount()).toBe(before),
      };
    },
    'DELETE /api/alert-destinations/:id': async () => {
      const id = await freshDestinationId();
      const before = await destinationCount();
      return {
        path: `/api/alert-destinations/${id}`,
        init: { method: 'DELETE' },
        unchanged: async () => expect(await destinationCount()).toBe(before),
      };
    },
    'POST /api/alert-destinations/:id/test': async () => ({
      path: `/api/alert-destinations/${await freshDestinationId()}/test`,
      init: { method: 'POST' },
    }),
    'GET /api/alert-destinations/:id/deliveries': async () => ({
      path: `/api/alert-destinations/${await freshDestinationId()}/deliveries`,
    }),
    'GET /api/incidents': () => ({ path: '/api/incidents' }),
    'GET /api/incidents/:id': async () => ({ path: `/api/incidents/${await anIncident()}` }),
    'PATCH /api/incidents/:id': async () => ({
      path: `/api/incidents/${await anIncident()}`,
      init: json('PATCH', { state: 'acknowledged' }),
    }),
    'POST /api/incidents/:id/notes': async () => ({
      path: `/api/incidents/${await anIncident()}/notes`,
      init: json('POST', { body: 'Tried a re-link' }),
    }),
    'GET /api/health': () => ({ path: '/api/health' }),
    'GET /api/ready': () => ({ path: '/api/ready' }),
    'GET /api/setup': () => ({ path: '/api/setup' }),
    'POST /api/setup (already done)': () => ({
      path: '/api/setup',
      init: json('POST', { email: 'late@switchboard.test', name: 'Late', password: 'late-password-1' }),
    }),
    'POST /webhooks/stackone (bad signature)': () => ({
      path: '/webhooks/stackone',
      init: {
        method: 'POST',
        headers: { 'x-stackone-signature': 'not-a-signature' },
        body: JSON.stringify({ event: 'account.updated', account_id: accounts[0]!.id }),
      },
    }),
  };

  it.each(Object.keys(MATRIX))('%s', async (route) => {
    const actual = {} as Record<Caller, number>;
    for (const caller of CALLERS) {
      const call = await CALLS[route]!(caller);
      const abort = new AbortController();
      const res = await t.api(call.path, { ...call.init, cookie: cookies[caller], signal: abort.signal });
      actual[caller] = res.status;
      if (route === 'GET /api/events' && res.ok) {
        expect(res.headers.get('content-type')).toContain('text/event-stream');
        abort.abort();
        continue;
      }
      const text = await res.text();
      if (res.status === 401 || res.status === 403) {
        const code = route.startsWith('POST /webhooks')
          ? 'invalid_signature'
          : res.status === 401
            ? 'unauthenticated'
            : 'forbidden';
        expect(JSON.parse(text), `${caller} ${route}`).toEqual({
          error: { code, message: expect.any(String) },
        });
        await call.unchanged?.();
      }
    }
    const expected = Object.fromEntries(CALLERS.map((caller, i) => [caller, MATRIX[route]![i]]));
    expect(actual).toEqual(expected);
  });

  it.each([
    ['PATCH', '/api/accounts/:id', { label: 42 }],
    ['POST', '/api/accounts/:id/connect-session', { purpose: 'nope' }],
    ['POST', '/api/connect-sessions', { originOwnerId: '' }],
    ['POST', '/api/users', { email: 'nope' }],
    ['PATCH', '/api/users/:id', { role: 'owner' }],
    ['POST', '/api/alert-destinations', { type: 'gopher' }],
  ])('answers %s %s with 401/403 before looking at a bad body', async (method, path, body) => {
    const url = path.replace(':id', accounts[0]!.id);
    const statuses = [];
    for (const caller of ['anonymous', 'viewer'] as const) {
      const res = await t.api(url, { method, body: JSON.stringify(body), cookie: cookies[caller] });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 403]);
  });

  it('has a row for every /api route the console serves', () => {
    // A route added to the app without a row here would escape the matrix.
    const served = createApiRoutes(t.console.deps)
      .routes.filter((r) => r.method !== 'ALL' && !r.path.startsWith('/auth/'))
      .map((r) => `${r.method} /api${r.path.replace(/\/$/, '')}`);
    const inMatrix = new Set(Object.keys(MATRIX).map((r) => r.replace(/ \(.*\)$/, '')));
    expect(served.length).toBeGreaterThan(10);
    expect([...new Set(served)].filter((r) => !inMatrix.has(r)).sort()).toEqual([]);
  });
});
