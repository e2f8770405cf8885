import { queryOptions } from '@tanstack/react-query';
import type { CustomerListQuery, CustomerListResponse } from '../../../shared/schemas/customers.ts';
import { api, unwrap } from '../api-client.ts';

export const customerKeys = {
  all: ['customers'] as const,
  lists: () => [...customerKeys.all, 'list'] as const,
  list: (query: CustomerListQuery) => [...customerKeys.lists(), query] as const,
};

export const customerQueries = {
  list: (query: CustomerListQuery) =>
    queryOptions({
      queryKey: customerKeys.list(query),
      queryFn: ({ signal }): Promise<CustomerListResponse> =>
        unwrap(
          api.customers.$get(
            {
              query: {
                ...(query.q ? { q: query.q } : {}),
                page: String(query.page),
                pageSize: String(query.pageSize),
              },
            },
            { init: { signal } },
          ),
        ),
    }),
};
