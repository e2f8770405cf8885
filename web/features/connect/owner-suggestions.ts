import type { Account } from '../../../shared/schemas/account.ts';

export interface OwnerSuggestion {
  id: string;
  name: string;
}

/** Case- and accent-insensitive form for comparing what was typed with ids and names. */
export const foldText = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().trim();

/** Lower is better: exact id, exact name, id prefix, name prefix, a name word's prefix, anything else. */
function relevance(owner: OwnerSuggestion, q: string): number {
  const id = foldText(owner.id);
  const name = foldText(owner.name);
  if (!q) return 5;
  if (id === q) return 0;
  if (name === q) return 1;
  if (id.startsWith(q)) return 2;
  if (name.startsWith(q)) return 3;
  if (name.split(/\s+/).some((word) => word.startsWith(q))) return 4;
  return 5;
}

/**
 * Each customer once, the best matches for `query` first (the server's search also matches labels,
 * providers and usernames, which say less about which customer was meant).
 */
export function distinctOwners(accounts: readonly Account[], limit = 8, query = ''): OwnerSuggestion[] {
  const seen = new Map<string, OwnerSuggestion>();
  for (const a of accounts) {
    if (!seen.has(a.originOwnerId))
      seen.set(a.originOwnerId, { id: a.originOwnerId, name: a.originOwnerName });
  }
  const q = foldText(query);
  return [...seen.values()]
    .map((owner, order) => ({ owner, order, rank: relevance(owner, q) }))
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .slice(0, limit)
    .map(({ owner }) => owner);
}
