import { and, asc, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { AccountListQuery } from '../../shared/schemas/account-filters.ts';
import type { Account } from '../../shared/schemas/account.ts';
import type { Db } from '../db/client.ts';
import { accountFacetCounts, accounts } from '../db/schema.ts';
import { accountRowFromJson, accountView } from './account-row.ts';
import { escapeLike, foldForSearch } from './search-text.ts';

type FacetName = 'status' | 'provider' | 'type';

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
  if (query.q) base.push(sql`${accounts.searchText} like ${`%${escapeLike(foldForSearch(query.q))}%`}`);
  if (query.ownerId) base.push(eq(accounts.originOwnerId, query.ownerId));
  return {
    base,
    byFacet: {
      status: query.status.length ? inArray(accounts.status, query.status) : null,
      provider: query.provider.length ? inArray(accounts.provider, query.provider) : null,
      type: query.type.length ? inArray(accounts.type, query.type) : null,
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

type Group = { status: string; provider: string; type: string | null; n: number };

/**
 * The statement of a list: its facet groups (live rows counted by status × provider × type, as far as
 * any facet needs them) and its page, as JSON, in one round trip. Without search text or owner the
 * groups are the whole index, whose counts the triggers of migration 0006 keep in
 * `account_facet_counts` (a few rows), and the page is read off an index. Otherwise the matching rows
 * are found once (`m`: the narrow columns that filters and sorts need) and both the groups and the
 * page come from them; the page's full rows are then read by id. `m` is read under the name
 * `accounts` so that the filter and sort expressions, written against the table, apply to it as is.
 */
function listStatement(
  query: AccountListQuery,
  conditions: ReturnType<typeof buildConditions>,
  orderBy: SQL,
): SQL {
  const limit = sql`limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`;
  if (!query.q && !query.ownerId) {
    return sql`select
      (select coalesce(json_agg(c), '[]') from (
        select status, provider, type, n from ${accountFacetCounts} where n > 0) c) as groups,
      (select coalesce(json_agg(accounts order by ${orderBy}), '[]') from (
        select * from ${accounts} where ${where(conditions)} order by ${orderBy} ${limit}) accounts) as page`;
  }
  const pageFilter = and(...Object.values(conditions.byFacet).filter((c): c is SQL => c !== null));
  return sql`with m as materialized (
      select id, status, provider, type, updated_at, created_at, origin_owner_name, origin_owner_id, label
      from ${accounts} where ${and(...conditions.base, facetScope(conditions))}
    ), p as (
      select id from m as accounts ${pageFilter ? sql`where ${pageFilter}` : sql``} order by ${orderBy} ${limit}
    )
    select
      (select coalesce(json_agg(g), '[]') from (
        select status, provider, type, count(*) as n from m group by status, provider, type) g) as groups,
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
    rows: { groups: Group[]; page: Record<string, unknown>[] }[];
  };
  const { groups, page } = result.rows[0]!;

  const matches = {
    status: (v: string) => query.status.length === 0 || (query.status as string[]).includes(v),
    provider: (v: string) => query.provider.length === 0 || query.provider.includes(v),
    type: (v: string | null) =>
      query.type.length === 0 || (v !== null && (query.type as string[]).includes(v)),
  };
  const facets: AccountPage['facets'] = { status: {}, provider: {}, type: {} };
  let total = 0;
  for (const g of groups) {
    const n = Number(g.n);
    const s = matches.status(g.status);
    const p = matches.provider(g.provider);
    const t = matches.type(g.type);
    if (p && t) tally(facets.status, g.status, n);
    if (s && t) tally(facets.provider, g.provider, n);
    if (s && p) tally(facets.type, g.type, n);
    if (s && p && t) total += n;
  }
  return { items: page.map((json) => accountView(accountRowFromJson(json))), total, facets };
}
