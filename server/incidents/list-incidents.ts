import { sql, type SQL } from 'drizzle-orm';
import {
  NO_REASON,
  UNASSIGNED,
  type IncidentListQuery,
  type IncidentListResponse,
} from '../../shared/schemas/incident.ts';
import type { Db } from '../db/client.ts';
import { INCIDENT_COLUMNS, incidentView, rowsOf, type IncidentRecord } from './incident-view.ts';

type Facet = 'state' | 'kind' | 'provider' | 'reason' | 'assignee';

const ORDER_BY: Record<IncidentListQuery['sort'], string> = {
  openedAt: 'i.opened_at',
  lastSeenAt: 'i.last_seen_at',
  owner: 'lower(i.origin_owner_name)',
  provider: 'i.provider',
  state: 'i.state',
  reason: 'i.reason_code',
};

const FACET_KEY: Record<Facet, string> = {
  state: 'i.state',
  kind: 'i.kind',
  provider: 'i.provider',
  reason: `coalesce(i.reason_code, '${NO_REASON}')`,
  assignee: `coalesce(i.assignee_id, '${UNASSIGNED}')`,
};

const inList = (column: string, values: readonly string[]) =>
  sql`${sql.raw(column)} in (select value from json_array_elements_text(${JSON.stringify(values)}::json))`;

/** Each filter of the query as SQL, by facet (the search text has none). */
function filtersOf(query: IncidentListQuery, actorId: string): { facet: Facet | null; where: SQL }[] {
  const filters: { facet: Facet | null; where: SQL }[] = [];
  filters.push({
    facet: 'state',
    where: query.state.length ? inList('i.state', query.state) : sql`i.state <> 'resolved'`,
  });
  if (query.kind.length) filters.push({ facet: 'kind', where: inList('i.kind', query.kind) });
  if (query.provider.length) filters.push({ facet: 'provider', where: inList('i.provider', query.provider) });
  if (query.reason.length) filters.push({ facet: 'reason', where: inList(FACET_KEY.reason, query.reason) });
  if (query.assignee) {
    const who = query.assignee === 'me' ? actorId : query.assignee;
    filters.push({
      facet: 'assignee',
      where: who === UNASSIGNED ? sql`i.assignee_id is null` : sql`i.assignee_id = ${who}`,
    });
  }
  if (query.q) {
    const like = `%${query.q.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    filters.push({
      facet: null,
      where: sql`(lower(i.origin_owner_name) like ${like} or lower(i.origin_owner_id) like ${like}
        or lower(i.account_id) like ${like} or lower(coalesce(i.label, '')) like ${like})`,
    });
  }
  return filters;
}

const whereOf = (filters: { where: SQL }[]) =>
  filters.length
    ? sql.join(
        [
          sql`where`,
          sql.join(
            filters.map((f) => f.where),
            sql` and `,
          ),
        ],
        sql` `,
      )
    : sql``;

/**
 * The queue: a page of incidents, the total and the facet counts, in one statement (one round trip;
 * the unresolved incidents are few enough to count by scanning them, and the state index serves
 * the default filter). The state facet, without a state filter, counts the unresolved states.
 */
export async function listIncidents(
  db: Db,
  query: IncidentListQuery,
  actorId: string,
): Promise<IncidentListResponse> {
  const filters = filtersOf(query, actorId);
  const facetCounts = (facet: Facet) => {
    const others = filters.filter((f) => f.facet !== facet);
    return sql`(select coalesce(json_object_agg(k, n), '{}'::json) from (
      select ${sql.raw(FACET_KEY[facet])} as k, count(*)::int as n from incidents i ${whereOf(others)} group by 1
    ) f)`;
  };
  const order = query.order === 'desc' ? 'desc' : 'asc';
  const orderBy = sql.raw(`${ORDER_BY[query.sort]} ${order} nulls last, i.opened_at ${order}, i.id`);
  const offset = (query.page - 1) * query.pageSize;
  const result = await db.execute(sql`
    select
      (select count(*)::int from incidents i ${whereOf(filters)}) as total,
      ${facetCounts('state')} as state,
      ${facetCounts('kind')} as kind,
      ${facetCounts('provider')} as provider,
      ${facetCounts('reason')} as reason,
      ${facetCounts('assignee')} as assignee,
      (select coalesce(json_agg(p), '[]'::json) from (
        select ${INCIDENT_COLUMNS} from incidents i left join auth_users u on u.id = i.assignee_id
        ${whereOf(filters)} order by ${orderBy} limit ${query.pageSize} offset ${offset}
      ) p) as items`);
  const [row] = rowsOf<{
    total: number;
    items: IncidentRecord[];
    state: Record<string, number>;
    kind: Record<string, number>;
    provider: Record<string, number>;
    reason: Record<string, number>;
    assignee: Record<string, number>;
  }>(result);
  const r = row!;
  return {
    items: r.items.map(incidentView),
    total: r.total,
    page: query.page,
    pageSize: query.pageSize,
    facets: { state: r.state, kind: r.kind, provider: r.provider, reason: r.reason, assignee: r.assignee },
  };
}
