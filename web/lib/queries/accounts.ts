import { infiniteQueryOptions, queryOptions, type QueryClient } from '@tanstack/react-query';
import type { AccountListQuery } from '../../../shared/schemas/account-filters.ts';
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
};

/** An AccountListQuery as `GET /api/accounts` query strings (lists repeat the key). */
export function toAccountListParams(query: AccountListQuery) {
  return {
    ...(query.q ? { q: query.q } : {}),
    ...(query.ownerId ? { ownerId: query.ownerId } : {}),
    status: query.status,
    provider: query.provider,
    type: query.type,
    sort: query.sort,
    order: query.order,
    page: String(query.page),
    pageSize: String(query.pageSize),
  };
}

export const accountQueries = {
  list: (query: AccountListQuery) =>
    queryOptions({
      queryKey: accountKeys.list(query),
      queryFn: ({ signal }) =>
        unwrap(api.accounts.$get({ query: toAccountListParams(query) }, { init: { signal } })),
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: accountKeys.detail(id),
      queryFn: ({ signal }) => unwrap(api.accounts[':id'].$get({ param: { id } }, { init: { signal } })),
    }),
  logs: (id: string) =>
    infiniteQueryOptions({
      queryKey: accountKeys.logs(id),
      queryFn: ({ pageParam, signal }) =>
        unwrap(
          api.accounts[':id'].logs.$get(
            {
              param: { id },
              query: {
                pageSize: String(REQUEST_LOGS_PAGE_SIZE),
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
};

/** After a change to one account: its detail and every account list (only the ones on screen refetch). */
export function invalidateAccount(queryClient: QueryClient, id: string): Promise<void> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: accountKeys.detail(id) }),
    queryClient.invalidateQueries({ queryKey: accountKeys.lists() }),
  ]).then(() => undefined);
}
