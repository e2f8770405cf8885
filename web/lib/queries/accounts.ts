import { infiniteQueryOptions, queryOptions, type QueryClient } from '@tanstack/react-query';
import {
  AccountListQuerySchema,
  type AccountListQuery,
  type AccountListResponse,
} from '../../../shared/schemas/account-filters.ts';
import type { AccountDetail } from '../../../shared/schemas/account-detail.ts';
import type { Account } from '../../../shared/schemas/account.ts';
import type { RequestLogDetail, RequestLogPage } from '../../../shared/schemas/request-log.ts';
import { api, unwrap } from '../api-client.ts';

export const REQUEST_LOGS_PAGE_SIZE = 25;

/**
 * General to specific. Request logs sit beside details, not under them, so refreshing an account
 * after a webhook does not re-ask StackOne for its logs.
 */
export const accountKeys = {
  all: ['accounts'] as const,
  lists: () => [...accountKeys.all, 'list'] as const,
  list: (query: AccountListQuery) => [...accountKeys.lists(), query] as const,
  details: () => [...accountKeys.all, 'detail'] as const,
  detail: (id: string) => [...accountKeys.details(), id] as const,
  logs: (id: string) => [...accountKeys.all, 'logs', id] as const,
  logList: (id: string, failedOnly: boolean) => [...accountKeys.logs(id), { failedOnly }] as const,
  log: (id: string, logId: string) => [...accountKeys.logs(id), 'entry', logId] as const,
  raw: (id: string) => [...accountKeys.all, 'raw', id] as const,
};

/** An AccountListQuery as `GET /api/accounts` query strings (lists repeat the key). */
export function toAccountListParams(query: AccountListQuery) {
  return {
    ...(query.q ? { q: query.q } : {}),
    ...(query.ownerId ? { ownerId: query.ownerId } : {}),
    status: query.status,
    provider: query.provider,
    type: query.type,
    reason: query.reason,
    sort: query.sort,
    order: query.order,
    page: String(query.page),
    pageSize: String(query.pageSize),
  };
}

/** `GET /api/accounts/csv`: every row of the list's filter, in its sort (paging left out). */
export function accountsCsvHref(query: AccountListQuery): string {
  const { page: _page, pageSize: _size, ...params } = toAccountListParams(query);
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    for (const v of Array.isArray(value) ? value : [value]) search.append(key, v);
  return `/api/accounts/csv?${search.toString()}`;
}

const listQuery = (query: AccountListQuery) =>
  queryOptions({
    queryKey: accountKeys.list(query),
    queryFn: ({ signal }): Promise<AccountListResponse> =>
      unwrap(api.accounts.$get({ query: toAccountListParams(query) }, { init: { signal } })),
  });

export const accountQueries = {
  list: listQuery,
  /** `GET /api/accounts?ownerId&provider&pageSize=1`: does this customer already have that provider? */
  existing: (ownerId: string, provider: string) =>
    listQuery(AccountListQuerySchema.parse({ ownerId, provider, pageSize: 1 })),
  /** `GET /api/accounts?q=`: accounts whose owner, label … match what was typed, for owner suggestions. */
  ownerSearch: (q: string) => listQuery(AccountListQuerySchema.parse({ q, pageSize: 25 })),
  detail: (id: string) =>
    queryOptions({
      queryKey: accountKeys.detail(id),
      queryFn: ({ signal }): Promise<AccountDetail> =>
        unwrap(api.accounts[':id'].$get({ param: { id } }, { init: { signal } })),
    }),
  logs: (id: string, failedOnly = false) =>
    infiniteQueryOptions({
      queryKey: accountKeys.logList(id, failedOnly),
      queryFn: ({ pageParam, signal }): Promise<RequestLogPage> =>
        unwrap(
          api.accounts[':id'].logs.$get(
            {
              param: { id },
              query: {
                pageSize: String(REQUEST_LOGS_PAGE_SIZE),
                ...(failedOnly ? { failedOnly: 'true' as const } : {}),
                ...(pageParam ? { next: pageParam } : {}),
              },
            },
            { init: { signal } },
          ),
        ),
      initialPageParam: null as string | null,
      getNextPageParam: (last) => last.next,
      staleTime: 60_000,
    }),
  /** One request log entry with its request, response and provider errors. */
  log: (id: string, logId: string) =>
    queryOptions({
      queryKey: accountKeys.log(id, logId),
      queryFn: ({ signal }): Promise<RequestLogDetail> =>
        unwrap(api.accounts[':id'].logs[':logId'].$get({ param: { id, logId } }, { init: { signal } })),
      staleTime: 5 * 60_000,
    }),
  /** The account as StackOne sends it, for the Raw tab. */
  raw: (id: string) =>
    queryOptions({
      queryKey: accountKeys.raw(id),
      queryFn: ({ signal }): Promise<Record<string, unknown>> =>
        unwrap(api.accounts[':id'].raw.$get({ param: { id } }, { init: { signal } })),
    }),
};

/** Sets the label, or clears it with null. Answers the account as the index now has it. */
export function patchAccountLabel(id: string, label: string | null): Promise<Account> {
  return unwrap(api.accounts[':id'].$patch({ param: { id }, json: { label } }));
}

/** Deletes the account at StackOne; the console keeps it in its history, marked deleted. */
export function deleteAccount(id: string): Promise<Account> {
  return unwrap(api.accounts[':id'].$delete({ param: { id } }));
}

/** After a change to one account: its detail and every account list (only the ones on screen refetch). */
export function invalidateAccount(queryClient: QueryClient, id: string): Promise<void> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: accountKeys.detail(id) }),
    queryClient.invalidateQueries({ queryKey: accountKeys.lists() }),
  ]).then(() => undefined);
}

/** Takes a deleted account out of every cached list at once, before the refetch confirms it. */
export function removeFromAccountLists(queryClient: QueryClient, id: string): void {
  queryClient.setQueriesData<AccountListResponse>({ queryKey: accountKeys.lists() }, (page) => {
    if (!page || !page.items.some((a) => a.id === id)) return page;
    return { ...page, items: page.items.filter((a) => a.id !== id), total: Math.max(0, page.total - 1) };
  });
}
