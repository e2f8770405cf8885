import { queryOptions } from '@tanstack/react-query';
import type { Overview } from '../../../shared/schemas/overview.ts';
import { api, unwrap } from '../api-client.ts';

export const overviewKeys = {
  all: ['overview'] as const,
  summary: () => [...overviewKeys.all, 'summary'] as const,
};

export const overviewQueries = {
  summary: () =>
    queryOptions({
      queryKey: overviewKeys.summary(),
      queryFn: ({ signal }): Promise<Overview> => unwrap(api.overview.$get(undefined, { init: { signal } })),
      // Health figures move with every status change; a minute-old picture is still a fair glance.
      refetchInterval: 60_000,
    }),
};
