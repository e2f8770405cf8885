import { AccountListQuerySchema } from '../../../shared/schemas/account-filters.ts';
import type { Account } from '../../../shared/schemas/account.ts';
import { accountQueries } from '../../lib/queries/accounts.ts';

/** `GET /api/accounts?ownerId&provider&pageSize=1`: does this customer already have that provider? */
export const existingAccountQuery = (ownerId: string, provider: string) =>
  accountQueries.list(AccountListQuerySchema.parse({ ownerId, provider, pageSize: 1 }));

/** `GET /api/accounts?q=`: accounts whose owner, label … match what was typed, for owner suggestions. */
export const ownerSearchQuery = (q: string) =>
  accountQueries.list(AccountListQuerySchema.parse({ q, pageSize: 25 }));

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
