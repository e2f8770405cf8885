import type { SandboxAccount } from '../model.ts';
import { intParam, listParam, type Parsed } from './query-params.ts';

export const ACCOUNTS_DEFAULT_PAGE_SIZE = 25;
export const ACCOUNTS_MAX_PAGE_SIZE = 100;

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
export function parseAccountListQuery(params: URLSearchParams): Parsed<AccountListQuery> {
  const page = intParam(params.get('page'), 'page', { fallback: 1, min: 1, max: 1_000_000_000 });
  if (!page.ok) return page;
  const pageSize = intParam(params.get('page_size'), 'page_size', {
    fallback: ACCOUNTS_DEFAULT_PAGE_SIZE,
    min: 1,
    max: ACCOUNTS_MAX_PAGE_SIZE,
  });
  if (!pageSize.ok) return pageSize;

  const providers = asSet([...listParam(params, 'provider'), ...listParam(params, 'providers')]);
  const owners = asSet([...listParam(params, 'origin_owner_id'), ...listParam(params, 'origin_owner_ids')]);
  const ids = asSet(listParam(params, 'account_ids'));
  const statuses = asSet(listParam(params, 'status'));

  const matches =
    providers || owners || ids || statuses
      ? (a: SandboxAccount) =>
          (!providers || providers.has(a.provider)) &&
          (!owners || owners.has(a.origin_owner_id)) &&
          (!ids || ids.has(a.id)) &&
          (!statuses || statuses.has(a.status))
      : null;
  return { ok: true, value: { page: page.value, pageSize: pageSize.value, matches } };
}

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
