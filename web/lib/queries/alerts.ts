import { queryOptions } from '@tanstack/react-query';
import type {
  AlertDelivery,
  AlertDeliveryList,
  AlertDestinationList,
  CreateAlertDestinationRequest,
  CreatedAlertDestination,
} from '../../../shared/schemas/alerts.ts';
import { api, unwrap } from '../api-client.ts';

export const alertKeys = {
  all: ['alert-destinations'] as const,
  list: () => [...alertKeys.all, 'list'] as const,
  deliveries: (id: string) => [...alertKeys.all, 'deliveries', id] as const,
};

const destinations = api['alert-destinations'];

export const alertQueries = {
  list: () =>
    queryOptions({
      queryKey: alertKeys.list(),
      queryFn: ({ signal }): Promise<AlertDestinationList> =>
        unwrap(destinations.$get(undefined, { init: { signal } })),
    }),
  deliveries: (id: string) =>
    queryOptions({
      queryKey: alertKeys.deliveries(id),
      queryFn: ({ signal }): Promise<AlertDeliveryList> =>
        unwrap(destinations[':id'].deliveries.$get({ param: { id } }, { init: { signal } })),
      // A pending delivery (a test alert just sent, a retry) is followed until it settles.
      refetchInterval: (query) =>
        query.state.data?.items.some((d) => d.status === 'pending') ? 1_000 : false,
    }),
};

export function createAlertDestination(
  input: CreateAlertDestinationRequest,
): Promise<CreatedAlertDestination> {
  return unwrap(destinations.$post({ json: input }));
}

export function deleteAlertDestination(id: string): Promise<{ id: string }> {
  return unwrap(destinations[':id'].$delete({ param: { id } }));
}

export async function sendTestAlert(id: string): Promise<AlertDelivery> {
  return (await unwrap(destinations[':id'].test.$post({ param: { id } }))).delivery;
}
