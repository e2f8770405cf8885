import { XIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import type { AccountListResponse } from '../../../shared/schemas/account-filters.ts';
import { DataTableFacetedFilter } from '../../components/data-table/data-table-faceted-filter.tsx';
import { ProviderLogo } from '../../components/provider/provider-logo.tsx';
import { useConnectorLookup } from '../../components/provider/use-connector-lookup.ts';
import { Button } from '../../components/ui/button.tsx';
import { AccountsSearchInput } from './accounts-search-input.tsx';
import {
  hasActiveFilters,
  resetFilters,
  setFacet,
  setSearchText,
  type AccountsSearch,
} from './accounts-search.ts';
import { providerOptions, reasonOptions, statusOptions, typeOptions } from './facet-options.ts';

export interface AccountsToolbarProps {
  search: AccountsSearch;
  facets: AccountListResponse['facets'] | undefined;
  onSearchChange: (next: AccountsSearch) => void;
  /** Hide Reset (when the empty state already offers it, so there is one Reset on screen). */
  hideReset?: boolean;
  /** Right-aligned extras (the Columns menu). */
  children?: ReactNode;
}

export function AccountsToolbar({
  search,
  facets,
  onSearchChange,
  hideReset,
  children,
}: AccountsToolbarProps) {
  const connectors = useConnectorLookup();
  const providers = providerOptions(facets, search.provider, connectors).map((o) => ({
    ...o,
    icon: <ProviderLogo name={o.label} logoUrl={o.logoUrl} className="size-4" />,
  }));
  return (
    <div role="toolbar" aria-label="Filter accounts" className="flex flex-wrap items-center gap-2">
      <AccountsSearchInput
        value={search.q ?? ''}
        onChange={(q) => onSearchChange(setSearchText(search, q))}
      />
      <DataTableFacetedFilter
        title="Status"
        options={statusOptions(facets, search.status)}
        selected={search.status}
        onChange={(values) => onSearchChange(setFacet(search, 'status', values))}
      />
      <DataTableFacetedFilter
        title="Provider"
        options={providers}
        selected={search.provider}
        onChange={(values) => onSearchChange(setFacet(search, 'provider', values))}
      />
      <DataTableFacetedFilter
        title="Type"
        options={typeOptions(facets)}
        selected={search.type}
        onChange={(values) => onSearchChange(setFacet(search, 'type', values))}
      />
      <DataTableFacetedFilter
        title="Reason"
        options={reasonOptions(facets, search.reason)}
        selected={search.reason}
        onChange={(values) => onSearchChange(setFacet(search, 'reason', values))}
      />
      {hasActiveFilters(search) && !hideReset && (
        <Button
          variant="ghost"
          size="sm"
          className="h-8 px-2"
          onClick={() => onSearchChange(resetFilters(search))}
        >
          Reset
          <XIcon aria-hidden />
        </Button>
      )}
      {children && <div className="ml-auto flex items-center gap-2">{children}</div>}
    </div>
  );
}
