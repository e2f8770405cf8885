import { z } from 'zod';
import { PAGE, PAGE_SIZE } from '../http/input-defaults.ts';
import { queryInt, queryList } from '../http/query-fields.ts';
import type { SandboxAccount } from '../model.ts';

export interface AccountListQuery {
  /** 1-based. */
  page: number;
  pageSize: number;
  /** null when no filter is given: the page is then a plain slice. */
  matches: ((account: SandboxAccount) => boolean) | null;
}

const asSet = (values: string[]) => (values.length ? new Set(values) : null);

/**
 * `GET /accounts` query: repeated keys and comma lists both give several values; values within one
 * parameter are ORed, parameters are ANDed. `provider` and `origin_owner_id` are folded into their
 * plural forms.
 */
export const AccountListQuerySchema = z
  .object({
    page: queryInt('page', PAGE),
    page_size: queryInt('page_size', PAGE_SIZE),
    provider: queryList,
    providers: queryList,
    origin_owner_id: queryList,
    origin_owner_ids: queryList,
    account_ids: queryList,
    status: queryList,
  })
  .transform((q): AccountListQuery => {
    const providers = asSet([...q.provider, ...q.providers]);
    const owners = asSet([...q.origin_owner_id, ...q.origin_owner_ids]);
    const ids = asSet(q.account_ids);
    const statuses = asSet(q.status);
    const matches =
      providers || owners || ids || statuses
        ? (a: SandboxAccount) =>
            (!providers || providers.has(a.provider)) &&
            (!owners || owners.has(a.origin_owner_id)) &&
            (!ids || ids.has(a.id)) &&
            (!statuses || statuses.has(a.status))
        : null;
    return { page: q.page, pageSize: q.page_size, matches };
  });

/** One page of `accounts` (already in list order), scanning only as far as the page's end. */
export function accountPage(accounts: readonly SandboxAccount[], query: AccountListQuery): SandboxAccount[] {
  const skip = (query.page - 1) * query.pageSize;
  if (!query.matches) return accounts.slice(skip, skip + query.pageSize);
  const page: SandboxAccount[] = [];
  let seen = 0;
  for (const account of accounts) {
    if (!query.matches(account)) continue;
    if (seen++ < skip) continue;
    page.push(account);
    if (page.length === query.pageSize) break;
  }
  return page;
}
