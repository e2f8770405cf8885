import { foldForSearch } from '../../shared/search-query.ts';

/** Between the fields of `search_text` (list-customers.ts splits on it). */
export const SEARCH_SEPARATOR = ' \u0001 ';

export { foldForSearch };

/**
 * The folded text `q` searches. The status-reason codes come last: migration 0010 appended them to the
 * rows written before they were searchable, in this same form.
 */
export function searchTextOf(account: {
  id: string;
  originOwnerId: string;
  originOwnerName: string;
  originUsername: string | null;
  label: string | null;
  provider: string;
  providerName: string | null;
  statusReasons?: readonly { code: string | null }[];
}): string {
  return foldForSearch(
    [
      account.id,
      account.originOwnerId,
      account.originOwnerName,
      account.originUsername,
      account.label,
      account.provider,
      account.providerName,
      ...(account.statusReasons ?? []).map((r) => r.code),
    ]
      .filter(Boolean)
      .join(SEARCH_SEPARATOR),
  );
}

/** Escapes LIKE wildcards in user text. */
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);
