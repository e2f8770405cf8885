// @vitest-environment jsdom
import '../../../support/web-setup.ts';
import { QueryClientProvider } from '@tanstack/react-query';
import { createMemoryHistory, createRouter, RouterProvider } from '@tanstack/react-router';
import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ROLE_PERMISSIONS } from '../../../../shared/permissions.ts';
import { ACCOUNTS_SEARCH_DEFAULTS } from '../../../../shared/schemas/accounts-search.ts';
import { parseSearch, stringifySearch } from '../../../../shared/search-params.ts';
import type { FirstPaintData } from '../../../../shared/schemas/first-paint-data.ts';
import {
  removeFirstPaintOnFirstRender,
  seedFromFirstPaint,
  takeFirstPaintSeed,
} from '../../../../web/lib/first-paint.ts';
import { createQueryClient } from '../../../../web/lib/query-client.ts';
import { sessionKeys } from '../../../../web/lib/queries/session.ts';
import { routeTree } from '../../../../web/route-tree.gen.ts';
import { listOf } from '../../../support/mock-api.ts';

const DATA: FirstPaintData = {
  readAt: Date.now(),
  search: { ...ACCOUNTS_SEARCH_DEFAULTS, status: ['error', 'inactive'], pageSize: 100 },
  me: {
    user: { id: 'u1', email: 'a@b.c', name: 'A', role: 'admin', disabled: false, createdAt: '' },
    permissions: [...ROLE_PERMISSIONS.admin],
  } as FirstPaintData['me'],
  setup: { needsSetup: false },
  list: listOf([]),
  connectors: { items: [] },
};

/** The page as the server sends it: a data block with the picture. */
function serverSent(text: string) {
  const block = document.createElement('script');
  block.type = 'application/json';
  block.id = 'first-paint-data';
  block.textContent = text;
  document.body.append(block);
}

/** The app's router at `path`, with the URL format of main.tsx (which the server's parsing mirrors). */
function routerAt(path: string) {
  const queryClient = createQueryClient({ onUnauthenticated: vi.fn() });
  const router = createRouter({
    routeTree,
    context: { queryClient },
    parseSearch,
    stringifySearch,
    history: createMemoryHistory({ initialEntries: [path] }),
  });
  return { router, queryClient };
}

/** The router at `path` over an API that records each request and answers none. */
function appAt(path: string) {
  const requests: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      requests.push(new URL(String(input), 'http://localhost').pathname);
      return new Response('{}', { status: 500, headers: { 'content-type': 'application/json' } });
    }),
  );
  return { ...routerAt(path), requests };
}

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
  takeFirstPaintSeed();
});

describe('the first paint’s answers', () => {
  it('load the accounts screen of the same search without a request', async () => {
    serverSent(JSON.stringify(DATA));
    const { router, requests, queryClient } = appAt('/accounts?status=error,inactive&pageSize=100');
    seedFromFirstPaint(queryClient);
    await router.load();
    expect(router.state.matches.at(-1)?.status).toBe('success');
    expect(requests.filter((p) => /^\/api\/(me|setup|accounts|connectors)$/.test(p))).toEqual([]);
    expect(document.getElementById('first-paint-data')).toBeNull();
  });

  it('leave another search to be asked for', async () => {
    serverSent(JSON.stringify(DATA));
    const { router, requests, queryClient } = appAt('/accounts?status=active');
    seedFromFirstPaint(queryClient);
    await router.load();
    expect(requests).toContain('/api/accounts');
    expect(requests).not.toContain('/api/me');
  });

  it('are refetched once the event stream first opens: changes in between were not sent', () => {
    serverSent(JSON.stringify(DATA));
    const { queryClient } = appAt('/accounts');
    expect(takeFirstPaintSeed()).toBe(false);
    seedFromFirstPaint(queryClient);
    expect(takeFirstPaintSeed()).toBe(true);
    expect(takeFirstPaintSeed()).toBe(false);
  });

  it('go with the picture once the router has drawn its first screen, the sign-in form included', async () => {
    const picture = document.createElement('div');
    picture.id = 'first-paint';
    document.body.append(picture);
    // A session that ended between the server's page and the SPA's start: sent to the sign-in form.
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL) => {
        const path = new URL(String(input), 'http://localhost').pathname;
        if (path === '/api/setup') return Response.json({ needsSetup: false });
        return Response.json({ error: { code: 'unauthenticated', message: 'Sign in' } }, { status: 401 });
      }),
    );
    const { router, queryClient } = routerAt('/accounts');
    removeFirstPaintOnFirstRender(router);
    render(
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>,
    );
    await screen.findByRole('button', { name: 'Sign in' });
    expect(document.getElementById('first-paint')).toBeNull();
  });

  it('are ignored, and the block dropped, when they cannot be read', () => {
    serverSent('{"me": ');
    const { queryClient } = appAt('/accounts');
    seedFromFirstPaint(queryClient);
    expect(queryClient.getQueryData(sessionKeys.me())).toBeUndefined();
    expect(document.getElementById('first-paint-data')).toBeNull();
  });
});
