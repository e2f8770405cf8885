import { and, asc, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { AccountListQuery } from '../../shared/schemas/account-filters.ts';
import type { Account } from '../../shared/schemas/account.ts';
import type { Db } from '../db/client.ts';
import { accountFacetCounts, accountReasonCounts, accounts } from '../db/schema.ts';
import { accountRowFromJson, accountView } from './account-row.ts';
import { parseSearchQuery } from '../../shared/search-query.ts';
import { escapeLike } from './search-text.ts';

type FacetName = 'status' | 'provider' | 'type' | 'reason';

/** The account's first status-reason code (null without one): what the Reason column and facet show. */
const firstReason = sql`(${accounts.statusReasons}->0->>'code')`;

export const SORT_COLUMNS = {
  updatedAt: [accounts.updatedAt],
  createdAt: [accounts.createdAt],
  owner: [accounts.originOwnerName, accounts.originOwnerId],
  provider: [accounts.provider],
  status: [accounts.status],
  label: [accounts.label],
} as const;

/** The WHERE conditions of a query, by filter, so a facet can leave its own filter out. */
export function buildConditions(query: AccountListQuery): {
  base: SQL[];
  byFacet: Record<FacetName, SQL | null>;
} {
  const base: SQL[] = [isNull(accounts.deletedAt)];
  // Every word must match somewhere: one trigram-indexed LIKE per word, ANDed.
  for (const term of parseSearchQuery(query.q ?? ''))
    base.push(sql`${accounts.searchText} like ${`%${escapeLike(term)}%`}`);
  if (query.ownerId) base.push(eq(accounts.originOwnerId, query.ownerId));
  return {
    base,
    byFacet: {
      status: query.status.length ? inArray(accounts.status, query.status) : null,
      provider: query.provider.length ? inArray(accounts.provider, query.provider) : null,
      type: query.type.length ? inArray(accounts.type, query.type) : null,
      reason: query.reason.length ? inArray(firstReason, query.reason) : null,
    },
  };
}

export function where(conditions: ReturnType<typeof buildConditions>): SQL | undefined {
  const facetConditions = Object.values(conditions.byFacet).filter((cond): cond is SQL => cond !== null);
  return and(...conditions.base, ...facetConditions);
}

/**
 * The rows that can count in some facet: a facet counts under the other two filters, so a row
 * failing two of the facet filters counts nowhere. With one facet filter or none, that is every row.
 */
export function facetScope(conditions: ReturnType<typeof buildConditions>): SQL | undefined {
  const active = Object.values(conditions.byFacet).filter((cond): cond is SQL => cond !== null);
  if (active.length < 2) return undefined;
  const pairs: SQL[] = [];
  for (let i = 0; i < active.length; i++)
    for (let j = i + 1; j < active.length; j++) pairs.push(and(active[i]!, active[j]!)!);
  return active.length === 2 ? or(...active) : or(...pairs);
}

export interface AccountPage {
  items: Account[];
  total: number;
  facets: Record<FacetName, Record<string, number>>;
}

const tally = (into: Record<string, number>, key: string | null, n: number) => {
  const k = key ?? 'unknown';
  into[k] = (into[k] ?? 0) + n;
};

/**
 * The Reason facet of a list without search text, owner or reason filter. Unfiltered (the list as it
 * first opens) it is read from the few rows the triggers of migration 0016 keep in
 * `account_reason_counts`; under a status, provider or type filter, from the rows that have a reason.
 */
function reasonCounts(othersFilter: SQL[]): SQL {
  if (othersFilter.length === 0)
    return sql`select ${accountReasonCounts.code} as reason, sum(${accountReasonCounts.n}) as n
      from ${accountReasonCounts} where ${accountReasonCounts.code} is not null
      group by 1 having sum(${accountReasonCounts.n}) > 0`;
  return sql`select ${firstReason} as reason, count(*) as n from ${accounts}
    where ${and(isNull(accounts.deletedAt), sql`${firstReason} is not null`, ...othersFilter)}
    group by 1`;
}

type Group = { status: string; provider: string; type: string | null; reason?: string | null; n: number };

/**
 * The statement of a list: its facet groups (live rows counted by status × provider × type × first
 * reason, as far as any facet needs them) and its page, as JSON, in one round trip. Without search
 * text, owner or reason filter the groups are the whole index, whose counts the triggers of migration
 * 0006 keep in `account_facet_counts` (a few rows), the reason counts come from the rows that have a
 * reason (a partial index, migration 0010), and the page is read off an index. Otherwise the matching
 * rows are found once (`m`: the narrow columns that filters and sorts need) and both the groups and
 * the page come from them; the page's full rows are then read by id. `m` is read under the name
 * `accounts` so that the filter and sort expressions, written against the table, apply to it as is.
 */
function listStatement(
  query: AccountListQuery,
  conditions: ReturnType<typeof buildConditions>,
  orderBy: SQL,
): SQL {
  const limit = sql`limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`;
  const { reason: reasonFilter, ...others } = conditions.byFacet;
  if (conditions.base.length === 1 && !reasonFilter) {
    const othersFilter = Object.values(others).filter((c): c is SQL => c !== null);
    return sql`select
      (select coalesce(json_agg(c), '[]') from (
        select status, provider, type, n from ${accountFacetCounts} where n > 0) c) as groups,
      (select coalesce(json_agg(r), '[]') from (${reasonCounts(othersFilter)}) r) as reasons,
      (select coalesce(json_agg(accounts order by ${orderBy}), '[]') from (
        select * from ${accounts} where ${where(conditions)} order by ${orderBy} ${limit}) accounts) as page`;
  }
  const pageFilter = and(...Object.values(conditions.byFacet).filter((c): c is SQL => c !== null));
  // Under a reason filter every row that counts anywhere has a reason (the reason facet counts only
  // those), so the rows without one are left out before anything else, through the partial index.
  const hasReason = reasonFilter ? sql`${firstReason} is not null` : undefined;
  return sql`with m as materialized (
      select id, status, provider, type, status_reasons, updated_at, created_at, origin_owner_name,
        origin_owner_id, label
      from ${accounts} where ${and(...conditions.base, hasReason, facetScope(conditions))}
    ), p as (
      select id from m as accounts ${pageFilter ? sql`where ${pageFilter}` : sql``} order by ${orderBy} ${limit}
    )
    select
      (select coalesce(json_agg(g), '[]') from (
        select status, provider, type, status_reasons->0->>'code' as reason, count(*) as n
        from m group by 1, 2, 3, 4) g) as groups,
      '[]'::json as reasons,
      (select coalesce(json_agg(accounts order by ${orderBy}), '[]') from ${accounts}
        where id in (select id from p)) as page`;
}

/** The ORDER BY of a list (and of its CSV export): the sort's columns, then the id, one direction. */
export function accountsOrderBy(query: Pick<AccountListQuery, 'sort' | 'order'>): SQL {
  const direction = query.order === 'asc' ? asc : desc;
  return sql.join(
    [
      ...SORT_COLUMNS[query.sort].map((col) =>
        query.sort === 'label' ? sql`${col} ${sql.raw(query.order)} nulls last` : direction(col),
      ),
      direction(accounts.id),
    ],
    sql`, `,
  );
}

/**
 * One page of the index with its total and facet counts. Each facet counts under every filter but
 * its own, so the UI can show how many rows picking another value would give. All of that comes from
 * the facet groups (at most statuses × providers × types) folded here, instead of one scan per facet,
 * and from one statement (listStatement): PGlite runs statements one at a time, each at a cost.
 */
export async function listAccounts(db: Db, query: AccountListQuery): Promise<AccountPage> {
  const conditions = buildConditions(query);
  const orderBy = accountsOrderBy(query);

  const result = (await db.execute(listStatement(query, conditions, orderBy))) as unknown as {
    rows: {
      groups: Group[];
      reasons: { reason: string; n: number }[];
      page: Record<string, unknown>[];
    }[];
  };
  const { groups, reasons, page } = result.rows[0]!;

  const matches = {
    status: (v: string) => query.status.length === 0 || (query.status as string[]).includes(v),
    provider: (v: string) => query.provider.length === 0 || query.provider.includes(v),
    type: (v: string | null) =>
      query.type.length === 0 || (v !== null && (query.type as string[]).includes(v)),
    // Groups from account_facet_counts carry no reason: they come only when there is no reason filter.
    reason: (v: string | null | undefined) =>
      query.reason.length === 0 || (v != null && query.reason.includes(v)),
  };
  const facets: AccountPage['facets'] = { status: {}, provider: {}, type: {}, reason: {} };
  let total = 0;
  for (const g of groups) {
    const n = Number(g.n);
    const s = matches.status(g.status);
    const p = matches.provider(g.provider);
    const t = matches.type(g.type);
    const r = matches.reason(g.reason);
    if (p && t && r) tally(facets.status, g.status, n);
    if (s && t && r) tally(facets.provider, g.provider, n);
    if (s && p && r) tally(facets.type, g.type, n);
    if (s && p && t && g.reason != null) tally(facets.reason, g.reason, n);
    if (s && p && t && r) total += n;
  }
  for (const { reason, n } of reasons) tally(facets.reason, reason, Number(n));
  return { items: page.map((json) => accountView(accountRowFromJson(json))), total, facets };
}
