import type { AccountListQuery } from '../../../shared/schemas/account-filters.ts';
import { ACCOUNTS_SEARCH_DEFAULTS, AccountsSearchSchema } from '../../../shared/schemas/accounts-search.ts';

export type AccountsSearch = AccountListQuery;

export const FACETS = ['status', 'provider', 'type', 'reason'] as const;
export type Facet = (typeof FACETS)[number];

export function parseAccountsSearch(raw: unknown): AccountsSearch {
  return AccountsSearchSchema.parse(raw && typeof raw === 'object' ? raw : {});
}

const isDefault = (key: keyof AccountsSearch, value: unknown) => {
  const fallback = ACCOUNTS_SEARCH_DEFAULTS[key];
  if (Array.isArray(value)) return value.length === 0;
  return value === undefined || value === '' || value === fallback;
};

/** Only what differs from the defaults: what the URL shows. */
export function compactAccountsSearch(search: AccountsSearch): Partial<AccountsSearch> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(search)) {
    if (!isDefault(key as keyof AccountsSearch, value)) out[key] = value;
  }
  return out as Partial<AccountsSearch>;
}

export function hasActiveFilters(search: AccountsSearch): boolean {
  return Boolean(
    search.q ||
    search.ownerId ||
    search.status.length ||
    search.provider.length ||
    search.type.length ||
    search.reason.length,
  );
}

// Every change of what is shown starts again at page 1; only paging itself keeps the page.

export function setSearchText(search: AccountsSearch, q: string): AccountsSearch {
  const text = q.trim();
  return { ...search, q: text ? text : undefined, page: 1 };
}

export function setFacet(search: AccountsSearch, facet: Facet, values: readonly string[]): AccountsSearch {
  return { ...search, [facet]: [...values], page: 1 } as AccountsSearch;
}

export function toggleFacetValue(search: AccountsSearch, facet: Facet, value: string): AccountsSearch {
  const current: readonly string[] = search[facet];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  return setFacet(search, facet, next);
}

export function setSort(
  search: AccountsSearch,
  sort: AccountsSearch['sort'],
  order: AccountsSearch['order'],
): AccountsSearch {
  return { ...search, sort, order, page: 1 };
}

export function setPage(search: AccountsSearch, page: number): AccountsSearch {
  return { ...search, page: Math.max(1, Math.floor(page)) };
}

export function setPageSize(search: AccountsSearch, pageSize: number): AccountsSearch {
  return { ...search, pageSize, page: 1 };
}

/** Clears search text and filters; keeps the sort and page size the user chose. */
export function resetFilters(search: AccountsSearch): AccountsSearch {
  return { ...ACCOUNTS_SEARCH_DEFAULTS, sort: search.sort, order: search.order, pageSize: search.pageSize };
}
