import { AccountListQuerySchema } from '../../../shared/schemas/account-filters.ts';
import type { SavedView } from '../../../shared/schemas/saved-views.ts';
import {
  compactAccountsSearch,
  parseAccountsSearch,
  type AccountsSearch,
} from '../accounts/accounts-search.ts';

export interface ResolvedViewSearch {
  search: Partial<AccountsSearch>;
  /** The saved filter no longer parses (the table's query changed since): defaults stand in for it. */
  isFallback: boolean;
}

/**
 * The URL search a saved view opens with. A view saved before the accounts query changed may no
 * longer parse: what does not is replaced by its default, and the caller says so.
 */
export function resolveViewSearch(view: Pick<SavedView, 'search'>): ResolvedViewSearch {
  const strict = AccountListQuerySchema.safeParse(view.search);
  if (strict.success) return { search: compactAccountsSearch(strict.data), isFallback: false };
  return { search: compactAccountsSearch(parseAccountsSearch(view.search)), isFallback: true };
}
