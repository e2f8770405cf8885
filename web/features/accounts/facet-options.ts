import type { AccountListResponse } from '../../../shared/schemas/account-filters.ts';
import { ACCOUNT_STATUSES, ACCOUNT_TYPES } from '../../../shared/schemas/account.ts';
import type { Connector } from '../../../shared/schemas/connector.ts';
import type { FacetOption } from '../../components/data-table/data-table-faceted-filter.tsx';
import { statusLabel } from '../../../shared/account-status-label.ts';
import { reasonLabel } from '../../../shared/reason-label.ts';

type Facets = AccountListResponse['facets'];

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

// The documented statuses first, in their natural order, then any other StackOne answered (a status it
// added since), and any already selected. Type filters only take the known values (the API rejects others).
export function statusOptions(facets: Facets | undefined, selected: readonly string[] = []): FacetOption[] {
  const known: readonly string[] = ACCOUNT_STATUSES;
  const others = [...new Set([...Object.keys(facets?.status ?? {}), ...selected])]
    .filter((value) => !known.includes(value))
    .sort();
  return [...known, ...others].map((value) => ({
    value,
    label: statusLabel(value),
    count: facets?.status[value] ?? 0,
  }));
}

export function typeOptions(facets: Facets | undefined): FacetOption[] {
  return ACCOUNT_TYPES.map((value) => ({ value, label: capitalize(value), count: facets?.type[value] ?? 0 }));
}

/** The first status-reason codes that accounts have, plus any already selected, by label. */
export function reasonOptions(facets: Facets | undefined, selected: readonly string[]): FacetOption[] {
  const keys = new Set([...Object.keys(facets?.reason ?? {}), ...selected]);
  return [...keys]
    .map((value) => ({ value, label: reasonLabel(value), count: facets?.reason?.[value] ?? 0 }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** Providers that have accounts, plus any already selected, by name. */
export function providerOptions(
  facets: Facets | undefined,
  selected: readonly string[],
  connectors: ReadonlyMap<string, Connector>,
): (FacetOption & { logoUrl: string | null })[] {
  const keys = new Set([...Object.keys(facets?.provider ?? {}), ...selected]);
  return [...keys]
    .map((value) => ({
      value,
      label: connectors.get(value)?.name ?? value,
      logoUrl: connectors.get(value)?.logoUrl ?? null,
      count: facets?.provider[value] ?? 0,
    }))
    .sort((a, b) => a.label.localeCompare(b.label));
}
