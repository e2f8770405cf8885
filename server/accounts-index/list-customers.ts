import { sql } from 'drizzle-orm';
import type { CustomerListQuery, CustomerListResponse } from '../../shared/schemas/customers.ts';
import type { Db } from '../db/client.ts';
import { accounts } from '../db/schema.ts';
import { escapeLike, foldForSearch, SEARCH_SEPARATOR } from './search-text.ts';

type Row = { ownerId: string; ownerName: string; byStatus: Record<string, number> };

/**
 * Customers are the origin owners of live accounts, in name order, each with its accounts counted by
 * status; one statement. Search text matches an owner's id or name (folded like the accounts
 * search), and every account of a matching owner is counted, not only the ones that matched.
 * `accounts_live_owner_status_idx` lets the grouping read the index alone.
 */
export async function listCustomers(
  db: Db,
  query: CustomerListQuery,
): Promise<Omit<CustomerListResponse, 'page' | 'pageSize'>> {
  const live = sql`${accounts.deletedAt} is null`;
  let owners = sql``;
  if (query.q) {
    const pattern = `%${escapeLike(foldForSearch(query.q))}%`;
    // search_text is the folded id, owner id, owner name, … joined by SEARCH_SEPARATOR (searchTextOf):
    // its trigram index narrows the rows, and its 2nd and 3rd parts say whether the owner matched.
    const part = (n: number) => sql`split_part(${accounts.searchText}, ${SEARCH_SEPARATOR}, ${n})`;
    owners = sql`and ${accounts.originOwnerId} in (
      select origin_owner_id from ${accounts}
      where ${live} and ${accounts.searchText} like ${pattern}
        and (${part(2)} like ${pattern} or ${part(3)} like ${pattern}))`;
  }
  const statement = sql`with g as (
      select origin_owner_id, min(origin_owner_name) as origin_owner_name, status, count(*)::int as n
      from ${accounts} where ${live} ${owners}
      group by origin_owner_id, status
    ), c as (
      select origin_owner_id as "ownerId", min(origin_owner_name) as "ownerName",
        json_object_agg(status, n) as "byStatus"
      from g group by origin_owner_id
    )
    select (select count(*)::int from c) as total,
      (select coalesce(json_agg(p), '[]') from (
        select * from c order by lower("ownerName"), "ownerId"
        limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}) p) as page`;
  const result = (await db.execute(statement)) as unknown as { rows: { total: number; page: Row[] }[] };
  const { total, page } = result.rows[0]!;
  return {
    total: Number(total),
    items: page.map((row) => ({
      ownerId: row.ownerId,
      ownerName: row.ownerName,
      byStatus: row.byStatus,
      accounts: Object.values(row.byStatus).reduce((sum, n) => sum + Number(n), 0),
    })),
  };
}
