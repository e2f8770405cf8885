/** Between the fields of `search_text` (list-customers.ts splits on it). */
export const SEARCH_SEPARATOR = ' \u0001 ';

/** Lower-case and strip accents, so "Société" matches "societe". */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

export function searchTextOf(account: {
  id: string;
  originOwnerId: string;
  originOwnerName: string;
  originUsername: string | null;
  label: string | null;
  provider: string;
  providerName: string | null;
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
    ]
      .filter(Boolean)
      .join(SEARCH_SEPARATOR),
  );
}

/** Escapes LIKE wildcards in user text. */
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);
