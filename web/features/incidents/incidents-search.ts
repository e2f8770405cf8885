import { z } from 'zod';
import { IncidentListQuerySchema, type IncidentListQuery } from '../../../shared/schemas/incident.ts';

const fields = IncidentListQuerySchema.shape;

/**
 * The queue's URL state: the API's query schema field by field with a fallback, so a hand-edited or
 * outdated link (`/incidents?provider=hibob` from the overview) shows defaults for what it got wrong.
 * `incident` names the incident open in the side panel.
 */
export const IncidentsSearchSchema = z.object({
  state: fields.state.catch([]),
  kind: fields.kind.catch([]),
  provider: fields.provider.catch([]),
  reason: fields.reason.catch([]),
  assignee: fields.assignee.catch(undefined),
  q: fields.q.catch(undefined),
  sort: fields.sort.catch('openedAt'),
  order: fields.order.catch('asc'),
  page: fields.page.catch(1),
  pageSize: fields.pageSize.catch(50),
  incident: z.string().max(200).optional().catch(undefined),
});
export type IncidentsSearch = z.output<typeof IncidentsSearchSchema>;

export const INCIDENTS_SEARCH_DEFAULTS: IncidentsSearch = IncidentsSearchSchema.parse({});

/** The API query of a queue URL (without the panel). */
export function incidentListQuery(search: IncidentsSearch): IncidentListQuery {
  const { incident: _panel, ...query } = search;
  return query;
}

export type IncidentFacet = 'state' | 'provider' | 'reason';

export const hasActiveFilters = (s: IncidentsSearch) =>
  Boolean(s.q || s.assignee || s.state.length || s.kind.length || s.provider.length || s.reason.length);

// Every change of what is shown starts again at page 1; only paging itself keeps the page.
export const setFacet = (
  s: IncidentsSearch,
  facet: IncidentFacet,
  values: readonly string[],
): IncidentsSearch => ({ ...s, [facet]: [...values], page: 1 }) as IncidentsSearch;
export const setAssignee = (s: IncidentsSearch, assignee: string | undefined): IncidentsSearch => ({
  ...s,
  assignee,
  page: 1,
});
export const setSearchText = (s: IncidentsSearch, q: string): IncidentsSearch => ({
  ...s,
  q: q.trim() || undefined,
  page: 1,
});
export const setSort = (
  s: IncidentsSearch,
  sort: IncidentsSearch['sort'],
  order: IncidentsSearch['order'],
): IncidentsSearch => ({ ...s, sort, order, page: 1 });
export const setPage = (s: IncidentsSearch, page: number): IncidentsSearch => ({
  ...s,
  page: Math.max(1, Math.floor(page)),
});
export const setPageSize = (s: IncidentsSearch, pageSize: number): IncidentsSearch => ({
  ...s,
  pageSize,
  page: 1,
});
export const resetFilters = (s: IncidentsSearch): IncidentsSearch => ({
  ...INCIDENTS_SEARCH_DEFAULTS,
  sort: s.sort,
  order: s.order,
  pageSize: s.pageSize,
});
