import { useQuery } from '@tanstack/react-query';
import { AccountListQuerySchema } from '../../../shared/schemas/account-filters.ts';
import { Button } from '../../components/ui/button.tsx';
import { accountQueries } from '../../lib/queries/accounts.ts';
import { distinctOwners, foldText, type OwnerSuggestion } from './owner-suggestions.ts';
import { useDebouncedValue } from './use-debounced-value.ts';

const DEFAULT_TEXT = 'Type to find an existing customer.';

/** The Customer ID field's description: whether the typed id is a customer already, said plainly. */
export function CustomerIdHint({ ownerId }: { ownerId: string }) {
  const id = useDebouncedValue(ownerId.trim(), 300);
  const { data } = useQuery({
    ...accountQueries.list(AccountListQuerySchema.parse({ ownerId: id, pageSize: 1 })),
    enabled: id.length > 0,
    meta: { silent: true },
  });
  if (!id || id !== ownerId.trim() || !data) return <>{DEFAULT_TEXT}</>;
  const existing = data.items[0];
  if (existing) return <>Existing customer: {existing.originOwnerName}.</>;
  return (
    <span className="font-medium text-foreground">
      New customer: no account has the customer ID {id} yet, so adding one creates this customer.
    </span>
  );
}

/**
 * When the typed name is an existing customer's under another id, offers that customer: a typo in the
 * id would otherwise make a second customer of the same name.
 */
export function CustomerNameMatch({
  ownerId,
  ownerName,
  onUse,
}: {
  ownerId: string;
  ownerName: string;
  onUse: (owner: OwnerSuggestion) => void;
}) {
  const name = useDebouncedValue(ownerName.trim(), 300);
  const { data } = useQuery({
    ...accountQueries.ownerSearch(name),
    enabled: name.length > 1,
    meta: { silent: true },
  });
  const match = distinctOwners(data?.items ?? [], 25, name).find(
    (o) => foldText(o.name) === foldText(name) && o.id !== ownerId.trim(),
  );
  if (!match || name !== ownerName.trim()) return null;
  return (
    <div
      role="status"
      className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 sm:col-span-2 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    >
      <span>
        {match.name} is <span className="font-mono">{match.id}</span> — use that?
      </span>
      <Button type="button" size="sm" variant="outline" onClick={() => onUse(match)}>
        Use {match.id}
      </Button>
    </div>
  );
}
