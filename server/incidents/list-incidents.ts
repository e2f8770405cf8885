import { and, or, sql, type SQL } from 'drizzle-orm';
import {
  NO_REASON,
  UNASSIGNED,
  type IncidentListQuery,
  type IncidentListResponse,
} from '../../shared/schemas/incident.ts';
import type { Db } from '../db/client.ts';
import { escapeLike } from '../accounts-index/search-text.ts';
import { INCIDENT_COLUMNS, incidentView, rowsOf, type IncidentRecord } from './incident-view.ts';

type Facet = 'state' | 'kind' | 'provider' | 'reason' | 'assignee';
const FACETS: readonly Facet[] = ['state', 'kind', 'provider', 'reason', 'assignee'];

/**
 * The sort columns. Every one but the reason is NOT NULL, so it is written without `nulls last`:
 * an ORDER BY that matches an index's null ordering lets a page be read off it in order
 * (last seen, either way, from incidents_unresolved_last_seen_idx) instead of sorting every row.
 */
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

/**
 * A filter of the query: its SQL and the same test on a facet group's key (groups are folded into
 * counts here). Without a state filter the state facet's filter is "unresolved".
 */
interface FacetFilter {
  where: SQL;
  matches: (key: string) => boolean;
}

function facetFiltersOf(query: IncidentListQuery, actorId: string): Record<Facet, FacetFilter | null> {
  const among = (column: string, values: readonly string[]): FacetFilter | null =>
    values.length ? { where: inList(column, values), matches: (k) => values.includes(k) } : null;
  const who = query.assignee === 'me' ? actorId : query.assignee;
  return {
    state: query.state.length
      ? among(FACET_KEY.state, query.state)
      : { where: sql`i.state <> 'resolved'`, matches: (k) => k !== 'resolved' },
    kind: among(FACET_KEY.kind, query.kind),
    provider: among(FACET_KEY.provider, query.provider),
    reason: among(FACET_KEY.reason, query.reason),
    assignee:
      who === undefined
        ? null
        : who === UNASSIGNED
          ? { where: sql`i.assignee_id is null`, matches: (k) => k === UNASSIGNED }
          : { where: sql`i.assignee_id = ${who}`, matches: (k) => k === who },
  };
}

/** The filters that are no facet's: the search text (one substring of `search_text`) and the owner. */
function baseFiltersOf(query: IncidentListQuery): SQL[] {
  const base: SQL[] = [];
  if (query.q) base.push(sql`i.search_text like ${`%${escapeLike(query.q.toLowerCase())}%`}`);
  if (query.ownerId) base.push(sql`i.origin_owner_id = ${query.ownerId}`);
  return base;
}

/**
 * The rows that can count in some facet: a facet counts under the other filters, so a row failing two
 * of them counts nowhere. With one filter or none, that is every row.
 */
function facetScope(active: SQL[]): SQL | undefined {
  if (active.length < 2) return undefined;
  const pairs: SQL[] = [];
  for (let i = 0; i < active.length; i++)
    for (let j = i + 1; j < active.length; j++) pairs.push(and(active[i]!, active[j]!)!);
  return active.length === 2 ? or(...active) : or(...pairs);
}

type Group = Record<Facet, string> & { n: number };
type GroupRow = Omit<Group, 'reason' | 'assignee'> & { reason: string | null; assignee: string | null };

/**
 * The queue: a page of incidents, the total and the facet counts, in one statement (one round trip).
 * The counts come from one pass that groups the rows in scope by every facet's key (a few hundred
 * groups at most; unfiltered, an index-only scan of incidents_unresolved_facets_idx), folded here,
 * instead of one scan per facet and one for the total; the page is its
 * own ORDER BY … LIMIT on the table, which the indexes serve. Resolved incidents, which only grow, are
 * scanned only when asked for: otherwise the state facet's `resolved` count is one count of them.
 */
export async function listIncidents(
  db: Db,
  query: IncidentListQuery,
  actorId: string,
): Promise<IncidentListResponse> {
  const base = baseFiltersOf(query);
  const byFacet = facetFiltersOf(query, actorId);
  const active = FACETS.map((f) => byFacet[f]?.where).filter((w): w is SQL => w !== undefined);
  const withResolved = query.state.includes('resolved');
  const scope = and(...base, withResolved ? undefined : sql`i.state <> 'resolved'`, facetScope(active));
  const resolvedCount = withResolved
    ? sql`0`
    : sql`(select count(*)::int from incidents i where ${and(
        sql`i.state = 'resolved'`,
        ...base,
        ...FACETS.filter((f) => f !== 'state').map((f) => byFacet[f]?.where),
      )})`;

  const order = query.order === 'desc' ? 'desc' : 'asc';
  const nulls = query.sort === 'reason' ? ' nulls last' : '';
  const orderBy = sql.raw(`${ORDER_BY[query.sort]} ${order}${nulls}, i.opened_at ${order}, i.id ${order}`);
  const offset = (query.page - 1) * query.pageSize;
  const result = await db.execute(sql`
    select
      (select coalesce(json_agg(g), '[]'::json) from (
        select i.state, i.kind, i.provider, i.reason_code as reason, i.assignee_id as assignee, count(*)::int as n
        from incidents i ${scope ? sql`where ${scope}` : sql``} group by 1, 2, 3, 4, 5
      ) g) as groups,
      ${resolvedCount} as resolved,
      (select coalesce(json_agg(p), '[]'::json) from (
        select ${INCIDENT_COLUMNS} from (
          select * from incidents i where ${and(...base, ...active)}
          order by ${orderBy} limit ${query.pageSize} offset ${offset}
        ) i left join auth_users u on u.id = i.assignee_id order by ${orderBy}
      ) p) as items`);
  const [row] = rowsOf<{ groups: GroupRow[]; resolved: number; items: IncidentRecord[] }>(result);
  const { groups, resolved, items } = row!;

  const facets: IncidentListResponse['facets'] = {
    state: {},
    kind: {},
    provider: {},
    reason: {},
    assignee: {},
  };
  let total = 0;
  for (const row of groups) {
    // Grouped by the bare columns (so incidents_unresolved_facets_idx hands them over in order);
    // their facet keys here.
    const g: Group = { ...row, reason: row.reason ?? NO_REASON, assignee: row.assignee ?? UNASSIGNED };
    const fails = FACETS.filter((f) => byFacet[f] && !byFacet[f].matches(g[f]));
    if (fails.length === 0) total += g.n;
    for (const f of FACETS)
      if (fails.length === 0 || (fails.length === 1 && fails[0] === f))
        facets[f][g[f]] = (facets[f][g[f]] ?? 0) + g.n;
  }
  if (resolved > 0) facets.state.resolved = resolved;
  return {
    items: items.map(incidentView),
    total,
    page: query.page,
    pageSize: query.pageSize,
    facets,
  };
}
