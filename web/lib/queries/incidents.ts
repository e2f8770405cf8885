import { queryOptions, type QueryClient } from '@tanstack/react-query';
import type {
  Incident,
  IncidentDetail,
  IncidentListQuery,
  IncidentListResponse,
  IncidentNote,
  IncidentPatch,
} from '../../../shared/schemas/incident.ts';
import { api, unwrap } from '../api-client.ts';
import { accountKeys } from './accounts.ts';

/** General to specific. */
export const incidentKeys = {
  all: ['incidents'] as const,
  lists: () => [...incidentKeys.all, 'list'] as const,
  list: (query: IncidentListQuery) => [...incidentKeys.lists(), query] as const,
  detail: (id: string) => [...incidentKeys.all, 'detail', id] as const,
};

/** An IncidentListQuery as `GET /api/incidents` query strings (lists repeat the key). */
export function toIncidentListParams(query: IncidentListQuery) {
  return {
    ...(query.q ? { q: query.q } : {}),
    ...(query.assignee ? { assignee: query.assignee } : {}),
    ...(query.ownerId ? { ownerId: query.ownerId } : {}),
    state: query.state,
    kind: query.kind,
    provider: query.provider,
    reason: query.reason,
    sort: query.sort,
    order: query.order,
    page: String(query.page),
    pageSize: String(query.pageSize),
  };
}

export const incidentQueries = {
  list: (query: IncidentListQuery) =>
    queryOptions({
      queryKey: incidentKeys.list(query),
      queryFn: ({ signal }): Promise<IncidentListResponse> =>
        unwrap(api.incidents.$get({ query: toIncidentListParams(query) }, { init: { signal } })),
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: incidentKeys.detail(id),
      queryFn: ({ signal }): Promise<IncidentDetail> =>
        unwrap(api.incidents[':id'].$get({ param: { id } }, { init: { signal } })),
    }),
};

export function patchIncident(id: string, patch: IncidentPatch): Promise<Incident> {
  return unwrap(api.incidents[':id'].$patch({ param: { id }, json: patch }));
}

export function addIncidentNote(id: string, body: string): Promise<IncidentNote> {
  return unwrap(api.incidents[':id'].notes.$post({ param: { id }, json: { body } }));
}

/** After a change to an incident: the queue, the incident, and the account page showing it. */
export function invalidateIncident(queryClient: QueryClient, incident: Pick<Incident, 'id' | 'accountId'>) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: incidentKeys.all }),
    queryClient.invalidateQueries({ queryKey: accountKeys.detail(incident.accountId) }),
  ]).then(() => undefined);
}
