import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountListResponse } from '../../../../../shared/schemas/account-filters.ts';
import type { Account } from '../../../../../shared/schemas/account.ts';
import {
  createConsoleEventHandler,
  LIST_REFRESH_DELAY_MS,
} from '../../../../../web/lib/events/console-event-handler.ts';
import { accountKeys } from '../../../../../web/lib/queries/accounts.ts';
import { ACCOUNTS_SEARCH_DEFAULTS } from '../../../../../shared/schemas/accounts-search.ts';

const account = (id: string, status: string): Account => ({
  id,
  provider: 'hibob',
  providerName: 'HiBob',
  status,
  statusReasons: [],
  originOwnerId: 'cust_1',
  originOwnerName: 'Acme',
  originUsername: null,
  label: null,
  type: 'production',
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
  deletedAt: null,
  syncedAt: null,
  lastEventAt: null,
});

const page = (items: Account[]): AccountListResponse => ({
  items,
  total: items.length,
  page: 1,
  pageSize: 50,
  facets: { status: {}, provider: {}, type: {} },
  syncedAt: null,
  sync: { state: 'idle', seen: 0, pages: 0, startedAt: null, finishedAt: null, error: null },
});

describe('createConsoleEventHandler', () => {
  let queryClient: QueryClient;
  beforeEach(() => {
    vi.useFakeTimers();
    queryClient = new QueryClient();
  });
  afterEach(() => {
    vi.useRealTimers();
    queryClient.clear();
  });

  it('patches the changed row in place and invalidates only its detail, then the lists once', () => {
    const listKey = accountKeys.list(ACCOUNTS_SEARCH_DEFAULTS);
    queryClient.setQueryData(listKey, page([account('a1', 'active'), account('a2', 'active')]));
    queryClient.setQueryData(accountKeys.detail('a2'), { account: account('a2', 'active') });
    queryClient.setQueryData(accountKeys.logs('a1'), { pages: [], pageParams: [] });
    const handler = createConsoleEventHandler(queryClient);

    handler.handle({
      type: 'account.changed',
      accountId: 'a1',
      change: 'updated',
      status: 'error',
      at: '2025-01-02T00:00:00Z',
    });
    handler.handle({
      type: 'account.changed',
      accountId: 'a1',
      change: 'updated',
      status: 'error',
      at: '2025-01-02T00:00:01Z',
    });

    const list = queryClient.getQueryData<AccountListResponse>(listKey)!;
    expect(list.items.map((a) => a.status)).toEqual(['error', 'active']);
    expect(queryClient.getQueryState(accountKeys.detail('a2'))?.isInvalidated).toBe(false);
    expect(queryClient.getQueryState(accountKeys.logs('a1'))?.isInvalidated).toBe(false);
    expect(queryClient.getQueryState(listKey)?.isInvalidated).toBe(false);

    const invalidate = vi.spyOn(queryClient, 'invalidateQueries');
    vi.advanceTimersByTime(LIST_REFRESH_DELAY_MS);
    expect(queryClient.getQueryState(listKey)?.isInvalidated).toBe(true);
    expect(invalidate).toHaveBeenCalledTimes(1);
    handler.dispose();
  });

  it('refreshes the lists when a sync finishes', () => {
    const listKey = accountKeys.list(ACCOUNTS_SEARCH_DEFAULTS);
    queryClient.setQueryData(listKey, page([]));
    const handler = createConsoleEventHandler(queryClient);
    handler.handle({
      type: 'sync.progress',
      state: 'running',
      seen: 10,
      pages: 1,
      startedAt: '2025-01-02T00:00:00Z',
      finishedAt: null,
      error: null,
      at: '2025-01-02T00:00:00Z',
    });
    vi.advanceTimersByTime(LIST_REFRESH_DELAY_MS);
    expect(queryClient.getQueryState(listKey)?.isInvalidated).toBe(false);
    handler.handle({
      type: 'sync.progress',
      state: 'idle',
      seen: 20,
      pages: 2,
      startedAt: '2025-01-02T00:00:00Z',
      finishedAt: '2025-01-02T00:00:05Z',
      error: null,
      at: '2025-01-02T00:00:05Z',
    });
    vi.advanceTimersByTime(LIST_REFRESH_DELAY_MS);
    expect(queryClient.getQueryState(listKey)?.isInvalidated).toBe(true);
    handler.dispose();
  });
});
