import { useEffect } from 'react';
import type { AccountListResponse } from '../../../shared/schemas/account-filters.ts';
import { setPage, type AccountsSearch } from './accounts-search.ts';

export const lastPageOf = (total: number, pageSize: number) => Math.max(1, Math.ceil(total / pageSize));

/**
 * A page past the end (`?page=9999`, or the last page emptied by deletions) goes to the last page
 * that has rows, replacing the URL. True while that happens, so the table shows loading, not "empty".
 */
export function useSnapToLastPage(
  search: AccountsSearch,
  data: AccountListResponse | undefined,
  isPlaceholder: boolean,
  onSearchChange: (next: AccountsSearch, options?: { replace?: boolean }) => void,
): boolean {
  const last = data ? lastPageOf(data.total, search.pageSize) : 1;
  const isPastEnd =
    !isPlaceholder && data !== undefined && data.total > 0 && data.items.length === 0 && search.page > last;
  useEffect(() => {
    if (isPastEnd) onSearchChange(setPage(search, last), { replace: true });
  });
  return isPastEnd;
}
