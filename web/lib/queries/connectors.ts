import { queryOptions } from '@tanstack/react-query';
import type { ConnectorList } from '../../../shared/schemas/connector.ts';
import { api, unwrap } from '../api-client.ts';

export const connectorKeys = {
  all: ['connectors'] as const,
  list: () => [...connectorKeys.all, 'list'] as const,
};

export const connectorQueries = {
  list: () =>
    queryOptions({
      queryKey: connectorKeys.list(),
      queryFn: ({ signal }): Promise<ConnectorList> =>
        unwrap(api.connectors.$get(undefined, { init: { signal } })),
      // The connector catalogue changes on StackOne's release schedule, not while a page is open.
      staleTime: 10 * 60_000,
      meta: { silent: true },
    }),
};
