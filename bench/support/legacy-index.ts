/**
 * The account index's list query and upsert as they were before the facet-count table and the
 * write-only-what-changed upsert (commit d854771), kept only so that bench/search-cpu.ts can measure
 * old and new code alternately in one process on one database.
 */
import { and, asc, count, desc, sql, type SQL } from 'drizzle-orm';
import type { AccountListQuery } from '../../shared/schemas/account-filters.ts';
import { accountView, rowFromUpstream } from '../../server/accounts-index/account-row.ts';
import { buildConditions, facetScope, type AccountPage } from '../../server/accounts-index/list-accounts.ts';
import type { Db } from '../../server/db/client.ts';
import { accounts } from '../../server/db/schema.ts';
import type { UpstreamLinkedAccount } from '../../server/stackone/upstream-schemas.ts';

const SORT_COLUMNS = {
  updatedAt: [accounts.updatedAt],
  createdAt: [accounts.createdAt],
  owner: [accounts.originOwnerName, accounts.originOwnerId],
  provider: [accounts.provider],
  status: [accounts.status],
  label: [accounts.label],
} as const;

const tally = (into: Record<string, number>, key: string | null, n: number) => {
  const k = key ?? 'unknown';
  into[k] = (into[k] ?? 0) + n;
};

export async function legacyListAccounts(db: Db, query: AccountListQuery): Promise<AccountPage> {
  const conditions = buildConditions(query);
  const facetConditions = Object.values(conditions.byFacet).filter((c): c is SQL => c !== null);
  const direction = query.order === 'asc' ? asc : desc;
  const orderBy = [
    ...SORT_COLUMNS[query.sort].map((col) =>
      query.sort === 'label' ? sql`${col} ${sql.raw(query.order)} nulls last` : direction(col),
    ),
    direction(accounts.id),
  ];
  const groups = await db
    .select({ status: accounts.status, provider: accounts.provider, type: accounts.type, n: count() })
    .from(accounts)
    .where(and(...conditions.base, facetScope(conditions)))
    .groupBy(accounts.status, accounts.provider, accounts.type);
  const matches = {
    status: (v: string) => query.status.length === 0 || (query.status as string[]).includes(v),
    provider: (v: string) => query.provider.length === 0 || query.provider.includes(v),
    type: (v: string | null) =>
      query.type.length === 0 || (v !== null && (query.type as string[]).includes(v)),
  };
  const facets: AccountPage['facets'] = { status: {}, provider: {}, type: {}, reason: {} };
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
  const offset = (query.page - 1) * query.pageSize;
  const rows =
    offset >= total
      ? []
      : await db
          .select()
          .from(accounts)
          .where(and(...conditions.base, ...facetConditions))
          .orderBy(...orderBy)
          .limit(query.pageSize)
          .offset(offset);
  return { items: rows.map(accountView), total, facets };
}

/** The old upsert of one chunk: 16 bound parameters per row, every row rewritten. */
export async function legacyUpsertChunk(
  db: Db,
  upstream: readonly UpstreamLinkedAccount[],
  stamp: { syncedAt?: string; lastEventAt?: string },
): Promise<void> {
  const rows = upstream.map((a) => ({
    ...rowFromUpstream(a),
    syncedAt: stamp.syncedAt ?? null,
    lastEventAt: stamp.lastEventAt ?? null,
  }));
  await db
    .insert(accounts)
    .values(rows)
    .onConflictDoUpdate({
      target: accounts.id,
      set: {
        provider: sql`excluded.provider`,
        providerName: sql`excluded.provider_name`,
        status: sql`excluded.status`,
        statusReasons: sql`excluded.status_reasons`,
        originOwnerId: sql`excluded.origin_owner_id`,
        originOwnerName: sql`excluded.origin_owner_name`,
        originUsername: sql`excluded.origin_username`,
        label: sql`excluded.label`,
        type: sql`excluded.type`,
        createdAt: sql`excluded.created_at`,
        updatedAt: sql`excluded.updated_at`,
        deletedAt: sql`null`,
        searchText: sql`excluded.search_text`,
        syncedAt: stamp.syncedAt ? sql`excluded.synced_at` : sql`${accounts.syncedAt}`,
        lastEventAt: stamp.lastEventAt ? sql`excluded.last_event_at` : sql`${accounts.lastEventAt}`,
      },
    });
}
