import type { QueryClient } from '@tanstack/react-query';
import type { AccountListResponse } from '../../../../shared/schemas/account-filters.ts';
import type { Account } from '../../../../shared/schemas/account.ts';
import { api, unwrap } from '../../../lib/api-client.ts';
import { accountKeys } from '../../../lib/queries/accounts.ts';

/** Sets the label, or clears it with null. Answers the account as the index now has it. */
export function patchAccountLabel(id: string, label: string | null): Promise<Account> {
  return unwrap(api.accounts[':id'].$patch({ param: { id }, json: { label } }));
}

/** Deletes the account at StackOne; the console keeps it in its history, marked deleted. */
export function deleteAccount(id: string): Promise<Account> {
  return unwrap(api.accounts[':id'].$delete({ param: { id } }));
}

/** Takes a deleted account out of every cached list at once, before the refetch confirms it. */
export function removeFromAccountLists(queryClient: QueryClient, id: string): void {
  queryClient.setQueriesData<AccountListResponse>({ queryKey: accountKeys.lists() }, (page) => {
    if (!page || !page.items.some((a) => a.id === id)) return page;
    return { ...page, items: page.items.filter((a) => a.id !== id), total: Math.max(0, page.total - 1) };
  });
}
