import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import type { Account } from '../../../../shared/schemas/account.ts';
import { invalidateAccount, patchAccountLabel } from '../../../lib/queries/accounts.ts';

/** Saving a label: on success a toast and a refresh of that account and the lists. */
export function useUpdateLabel(account: Account) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (label: string | null) => patchAccountLabel(account.id, label),
    onSuccess: async (_updated, label) => {
      toast.success(label ? 'Label saved' : 'Label removed', {
        description: `${account.originOwnerName} · ${account.providerName ?? account.provider}`,
      });
      await invalidateAccount(queryClient, account.id);
    },
  });
}
