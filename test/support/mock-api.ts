import { vi } from 'vitest';
import type { AccountListResponse } from '../../shared/schemas/account-filters.ts';
import type { Account } from '../../shared/schemas/account.ts';

export interface ApiCall {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

export interface MockRoute {
  method: string;
  /** `/api/...` path, exact. */
  path: string;
  respond: (call: ApiCall) => { status?: number; body?: unknown };
}

/**
 * Stubs `fetch` for the web's `/api` calls: each answered by the first matching route; every call is
 * recorded. The web set-up (`web-setup.ts`) unstubs it after each test.
 */
export function mockApi(routes: MockRoute[]): ApiCall[] {
  const calls: ApiCall[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const url = new URL(String(input), 'http://localhost');
      const method = (init.method ?? 'GET').toUpperCase();
      const call: ApiCall = {
        method,
        path: url.pathname,
        query: url.searchParams,
        body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      };
      calls.push(call);
      const route = routes.find((r) => r.method === method && r.path === url.pathname);
      const { status = 200, body = {} } = route
        ? route.respond(call)
        : {
            status: 404,
            body: { error: { code: 'not_found', message: `No mock for ${method} ${url.pathname}` } },
          };
      return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    }),
  );
  return calls;
}

export function account(overrides: Partial<Account> = {}): Account {
  return {
    id: 'acc_1',
    provider: 'greenhouse',
    providerName: 'Greenhouse',
    status: 'error',
    statusReasons: [],
    originOwnerId: 'acme',
    originOwnerName: 'Acme Corporation',
    originUsername: null,
    label: null,
    type: 'production',
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-02T00:00:00.000Z',
    deletedAt: null,
    syncedAt: null,
    lastEventAt: null,
    ...overrides,
  };
}

/** One page of `GET /api/accounts` holding these accounts. */
export const listOf = (items: Account[]): AccountListResponse => ({
  items,
  total: items.length,
  page: 1,
  pageSize: 50,
  facets: { status: {}, provider: {}, type: {} },
  syncedAt: null,
  sync: { state: 'idle', seen: 0, pages: 0, startedAt: null, finishedAt: null, error: null },
});
