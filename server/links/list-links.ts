import { and, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { LinkListQuery, LinkListResponse } from '../../shared/schemas/links.ts';
import { links } from '../db/schema.ts';
import type { LedgerDeps } from './ledger-deps.ts';
import { linkView } from './link-view.ts';
import { settleLinks } from './settle-links.ts';

/** A page of the ledger, newest first, with counts by state and provider (each under the other filters). */
export async function listLinks(
  deps: LedgerDeps,
  query: LinkListQuery,
  actorId: string,
): Promise<LinkListResponse> {
  await settleLinks(deps);
  const base: SQL[] = [];
  if (query.accountId) base.push(eq(links.accountId, query.accountId));
  if (query.ownerId) base.push(eq(links.originOwnerId, query.ownerId));
  if (query.createdBy) base.push(eq(links.createdById, query.createdBy === 'me' ? actorId : query.createdBy));
  const byState = query.state.length ? inArray(links.state, query.state) : undefined;
  const byProvider = query.provider.length ? inArray(links.provider, query.provider) : undefined;
  const where = and(...base, byState, byProvider);

  const [rows, [total], stateFacet, providerFacet] = await Promise.all([
    deps.db
      .select()
      .from(links)
      .where(where)
      .orderBy(desc(links.createdAt), desc(links.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    deps.db.select({ n: count() }).from(links).where(where),
    deps.db
      .select({ key: links.state, n: count() })
      .from(links)
      .where(and(...base, byProvider))
      .groupBy(links.state),
    deps.db
      .select({ key: links.provider, n: count() })
      .from(links)
      .where(and(...base, byState))
      .groupBy(links.provider),
  ]);
  const facet = (entries: { key: string | null; n: number }[]) =>
    Object.fromEntries(entries.filter((e) => e.key !== null).map((e) => [e.key!, Number(e.n)]));
  return {
    items: rows.map((row) => linkView(row, deps.publicUrl)),
    total: Number(total?.n ?? 0),
    facets: { state: facet(stateFacet), provider: facet(providerFacet) },
  };
}
