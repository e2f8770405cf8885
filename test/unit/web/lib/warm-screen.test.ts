// @vitest-environment jsdom
import '../../../support/web-setup.ts';
import { createMemoryHistory, createRouter } from '@tanstack/react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ROLE_PERMISSIONS } from '../../../../shared/permissions.ts';
import { createQueryClient } from '../../../../web/lib/query-client.ts';
import { hasSessionHint, setSessionHint } from '../../../../web/lib/session-hint.ts';
import { warmScreen } from '../../../../web/lib/warm-screen.ts';
import { routeTree } from '../../../../web/route-tree.gen.ts';
import { listOf } from '../../../support/mock-api.ts';

const ME = {
  user: { id: 'u1', email: 'a@b.c', name: 'A', role: 'admin', disabled: false, createdAt: '' },
  permissions: [...ROLE_PERMISSIONS.admin],
};
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/**
 * The app's router at `path` over a stubbed API whose `/api/me` answers only when `answerMe` is
 * called, so a test sees what starts while the session check is still out.
 */
function appAt(path: string, me: { status: number; body: unknown }) {
  const requests: string[] = [];
  let answerMe!: () => void;
  const meAnswered = new Promise<void>((resolve) => (answerMe = resolve));
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const url = new URL(String(input), 'http://localhost');
      requests.push(url.pathname);
      if (url.pathname === '/api/me') {
        await meAnswered;
        return json(me.body, me.status);
      }
      if (url.pathname === '/api/setup') return json({ needsSetup: false });
      // Signed out, the list answers 401 as the session does.
      if (url.pathname === '/api/accounts')
        return me.status === 200 ? json(listOf([])) : json(me.body, me.status);
      return json({ error: { code: 'not_found', message: url.pathname } }, 404);
    }),
  );
  const onUnauthenticated = vi.fn();
  const queryClient = createQueryClient({ onUnauthenticated });
  const router = createRouter({
    routeTree,
    context: {
      queryClient,
      warmScreen: (matches, options) => warmScreen(router, queryClient, matches, options),
    },
    history: createMemoryHistory({ initialEntries: [path] }),
  });
  return { router, requests, answerMe, onUnauthenticated, queryClient };
}

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe('warm screen', () => {
  it('asks for the accounts list while the session check is still out, and the loader reuses it', async () => {
    setSessionHint(true);
    const app = appAt('/accounts', { status: 200, body: ME });
    const loading = app.router.load();
    await vi.waitFor(() => expect(app.requests).toContain('/api/accounts'));
    expect(app.requests).toContain('/api/me');
    app.answerMe();
    await loading;
    expect(app.router.state.location.pathname).toBe('/accounts');
    expect(app.router.state.matches.at(-1)?.status).toBe('success');
    expect(app.requests.filter((p) => p === '/api/accounts')).toHaveLength(1);
  });

  it('signed out with a stale hint: /login once, by the session check, and the hint is cleared', async () => {
    setSessionHint(true);
    const app = appAt('/accounts', {
      status: 401,
      body: { error: { code: 'unauthenticated', message: 'Sign in' } },
    });
    const loading = app.router.load();
    await vi.waitFor(() => expect(app.requests).toContain('/api/accounts'));
    app.answerMe();
    await loading;
    await vi.waitFor(() => expect(app.router.state.location.pathname).toBe('/login'));
    expect(app.router.state.location.search).toEqual({ redirect: '/accounts' });
    expect(app.onUnauthenticated).not.toHaveBeenCalled();
    expect(hasSessionHint()).toBe(false);
  });

  it('a browser not known to be signed in asks for no data before the session check (no 401 to log)', async () => {
    const app = appAt('/accounts', {
      status: 401,
      body: { error: { code: 'unauthenticated', message: 'Sign in' } },
    });
    const loading = app.router.load();
    await vi.waitFor(() => expect(app.requests).toContain('/api/me'));
    app.answerMe();
    await loading;
    await vi.waitFor(() => expect(app.router.state.location.pathname).toBe('/login'));
    expect(app.requests).not.toContain('/api/accounts');
  });

  it('sets the hint once the session check answers a user', async () => {
    const app = appAt('/accounts', { status: 200, body: ME });
    app.answerMe();
    await app.router.load();
    expect(hasSessionHint()).toBe(true);
  });

  it('starts nothing early once the session is known (later navigations are the loaders’ own)', async () => {
    const app = appAt('/audit', { status: 200, body: ME });
    app.queryClient.setQueryData(['session', 'me'], ME);
    const warm = vi.fn();
    const ctx = app.router.options.context as { warmScreen?: unknown };
    ctx.warmScreen = warm;
    app.answerMe();
    await app.router.load();
    expect(warm).not.toHaveBeenCalled();
  });

  it('loads each matched route’s chunks and skips routes it does not know', () => {
    const loadRouteChunk = vi.fn(() => Promise.reject(new Error('offline')));
    const warm = vi.fn();
    const route = { options: { staticData: { warm } } };
    const queryClient = createQueryClient({ onUnauthenticated: () => {} });
    warmScreen({ routesById: { '/a': route, '/b': { options: {} } }, loadRouteChunk } as never, queryClient, [
      { routeId: '/a', search: { q: 'x' }, params: { id: '1' } },
      { routeId: '/b', search: {}, params: {} },
      { routeId: '/gone', search: {}, params: {} },
    ] as never);
    expect(loadRouteChunk).toHaveBeenCalledTimes(2);
    expect(warm).toHaveBeenCalledWith({ queryClient, search: { q: 'x' }, params: { id: '1' } });
  });
});
