/** Lower-case and strip accents, so "Société" matches "societe". */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** More words than this add nothing a person types; the rest are dropped (each word is one more scan). */
export const MAX_SEARCH_TERMS = 8;

/**
 * Search text → the terms that must ALL match (each somewhere in an account's searchable fields):
 * words split on white space, a "double-quoted phrase" kept as one term, folded like the indexed text.
 * A term inside another term is dropped (it matches wherever the longer one does), as are repeats.
 */
export function parseSearchQuery(query: string): string[] {
  const raw: string[] = [];
  for (const match of foldForSearch(query).matchAll(/"([^"]*)"?|[^\s"]+/g)) {
    const term = (match[1] ?? match[0]).trim().replace(/\s+/g, ' ');
    if (term) raw.push(term);
  }
  const unique = [...new Set(raw)];
  const terms = unique.filter((term) => !unique.some((other) => other !== term && other.includes(term)));
  return terms.slice(0, MAX_SEARCH_TERMS);
}

/** Whether folded search text holds every term: what the index query asks of each row. */
export function matchesSearchTerms(searchText: string, terms: readonly string[]): boolean {
  return terms.every((term) => searchText.includes(term));
}
