import type { Account } from '../../../shared/schemas/account.ts';

export interface OwnerSuggestion {
  id: string;
  name: string;
}

/** Each customer once, in the order the accounts came. */
export function distinctOwners(accounts: readonly Account[], limit = 8): OwnerSuggestion[] {
  const seen = new Map<string, OwnerSuggestion>();
  for (const a of accounts) {
    if (!seen.has(a.originOwnerId))
      seen.set(a.originOwnerId, { id: a.originOwnerId, name: a.originOwnerName });
    if (seen.size >= limit) break;
  }
  return [...seen.values()];
}
