import { z } from 'zod';
import { PAGE, PAGE_SIZE } from '../http/input-defaults.ts';
import { queryInt, queryList } from '../http/query-fields.ts';
import type { SandboxAccount } from '../model.ts';

export interface AccountListQuery {
  /** 0-based index of the page asked for, whichever number the first page has. */
  pageIndex: number;
  pageSize: number;
  /** null when no filter is given: the page is then a plain slice. */
  matches: ((account: SandboxAccount) => boolean) | null;
}

/** How `/accounts` pages (the paging dialects; the default is 1-based, at most 100, full pages). */
export interface AccountPaging {
  /** 1 by default; 0 under `page-zero`. */
  firstPage: 0 | 1;
  /** `page-size-25`: larger sizes are cut to this, silently, instead of a 400 past 100. */
  pageSizeCap: number | null;
}

const asSet = (values: string[]) => (values.length ? new Set(values) : null);

/**
 * `GET /accounts` query: repeated keys and comma lists both give several values; values within one
 * parameter are ORed, parameters are ANDed. `provider` and `origin_owner_id` are folded into their
 * plural forms.
 */
function buildAccountListQuerySchema({ firstPage, pageSizeCap }: AccountPaging) {
  return z
    .object({
      page: queryInt('page', { ...PAGE, fallback: firstPage, min: firstPage }),
      page_size: queryInt('page_size', pageSizeCap === null ? PAGE_SIZE : { ...PAGE_SIZE, max: PAGE.max }),
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
      const pageSize = pageSizeCap === null ? q.page_size : Math.min(q.page_size, pageSizeCap);
      return { pageIndex: q.page - firstPage, pageSize, matches };
    });
}

type AccountListQuerySchema = ReturnType<typeof buildAccountListQuerySchema>;
const schemas = new Map<string, AccountListQuerySchema>();

/** The query schema for one paging (at most four exist: built once each). */
export function accountListQuerySchema(paging: AccountPaging): AccountListQuerySchema {
  const key = `${paging.firstPage}:${paging.pageSizeCap}`;
  let schema = schemas.get(key);
  if (!schema) schemas.set(key, (schema = buildAccountListQuerySchema(paging)));
  return schema;
}

/** Which slice of the (filtered) list a page holds. */
export interface PageWindow {
  skip: number;
  take: number;
}

/** Full pages back to back: page k holds items [k·size, (k+1)·size). */
export function fullPageWindow(pageIndex: number, pageSize: number): PageWindow {
  return { skip: pageIndex * pageSize, take: pageSize };
}

/** One page of `accounts` (already in list order), scanning only as far as the page's end. */
export function accountPage(
  accounts: readonly SandboxAccount[],
  matches: AccountListQuery['matches'],
  { skip, take }: PageWindow,
): SandboxAccount[] {
  if (!matches) return accounts.slice(skip, skip + take);
  const page: SandboxAccount[] = [];
  if (take <= 0) return page;
  let seen = 0;
  for (const account of accounts) {
    if (!matches(account)) continue;
    if (seen++ < skip) continue;
    page.push(account);
    if (page.length === take) break;
  }
  return page;
}
