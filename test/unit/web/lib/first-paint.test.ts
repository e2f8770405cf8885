// @vitest-environment jsdom
import '../../../support/web-setup.ts';
import { createMemoryHistory, createRouter } from '@tanstack/react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ROLE_PERMISSIONS } from '../../../../shared/permissions.ts';
import { ACCOUNTS_SEARCH_DEFAULTS } from '../../../../shared/schemas/accounts-search.ts';
import type { FirstPaintData } from '../../../../shared/schemas/first-paint-data.ts';
import { seedFromFirstPaint } from '../../../../web/lib/first-paint.ts';
import { createQueryClient } from '../../../../web/lib/query-client.ts';
import { sessionKeys } from '../../../../web/lib/queries/session.ts';
import { routeTree } from '../../../../web/route-tree.gen.ts';
import { listOf } from '../../../support/mock-api.ts';

const DATA: FirstPaintData = {
  search: { ...ACCOUNTS_SEARCH_DEFAULTS, status: ['error'], pageSize: 100 },
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

function appAt(path: string) {
  const requests: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      requests.push(new URL(String(input), 'http://localhost').pathname);
      return new Response('{}', { status: 500, headers: { 'content-type': 'application/json' } });
    }),
  );
  const queryClient = createQueryClient({ onUnauthenticated: vi.fn() });
  const router = createRouter({
    routeTree,
    context: { queryClient },
    history: createMemoryHistory({ initialEntries: [path] }),
  });
  return { router, requests, queryClient };
}

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('the first paint’s answers', () => {
  it('load the accounts screen of the same search without a request', async () => {
    serverSent(JSON.stringify(DATA));
    const { router, requests, queryClient } = appAt('/accounts?status=error&pageSize=100');
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

  it('are ignored, and the block dropped, when they cannot be read', () => {
    serverSent('{"me": ');
    const { queryClient } = appAt('/accounts');
    seedFromFirstPaint(queryClient);
    expect(queryClient.getQueryData(sessionKeys.me())).toBeUndefined();
    expect(document.getElementById('first-paint-data')).toBeNull();
  });
});
