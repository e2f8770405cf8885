import type { AccountListQuery, AccountListResponse } from '../../shared/schemas/account-filters.ts';
import type { AppDeps } from '../app-deps.ts';
import { listAccounts } from './list-accounts.ts';

/** The body of `GET /api/accounts` for a query: the page, its facets and the index's sync state. */
export async function accountListResponse(
  deps: Pick<AppDeps, 'database' | 'sync'>,
  query: AccountListQuery,
): Promise<AccountListResponse> {
  const [page, syncedAt] = await Promise.all([listAccounts(deps.database.db, query), deps.sync.syncedAt()]);
  return { ...page, page: query.page, pageSize: query.pageSize, syncedAt, sync: deps.sync.status() };
}
