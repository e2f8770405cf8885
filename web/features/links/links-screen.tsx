import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useMemo } from 'react';
import { LINK_STATES } from '../../../shared/schemas/links.ts';
import { DataTable } from '../../components/data-table/data-table.tsx';
import { DataTableFacetedFilter } from '../../components/data-table/data-table-faceted-filter.tsx';
import { DataTablePagination } from '../../components/data-table/data-table-pagination.tsx';
import { EmptyState } from '../../components/feedback/empty-state.tsx';
import { ErrorState } from '../../components/feedback/error-state.tsx';
import { PageHeader } from '../../components/layout/page-header.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Checkbox } from '../../components/ui/checkbox.tsx';
import { Label } from '../../components/ui/label.tsx';
import { linkQueries } from '../../lib/queries/links.ts';
import { useCan } from '../../lib/use-me.ts';
import { LINK_STATE_LABELS } from './link-state-badge.tsx';
import { linksColumns } from './links-columns.tsx';
import { hasLinkFilters, LINKS_SEARCH_DEFAULTS, type LinksSearch } from './links-search.ts';

export interface LinksScreenProps {
  search: LinksSearch;
  onSearchChange: (next: LinksSearch) => void;
}

/** The link ledger: every re-link and new-account link, where it got to, live. */
export function LinksScreen({ search, onSearchChange }: LinksScreenProps) {
  const query = useQuery({ ...linkQueries.list(search), placeholderData: keepPreviousData });
  const { data } = query;
  const canRevoke = useCan('links:revoke');
  const columns = useMemo(() => linksColumns(canRevoke), [canRevoke]);

  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: data?.items ?? [],
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.id,
    manualPagination: true,
    rowCount: data?.total ?? 0,
  });

  const stateOptions = LINK_STATES.map((value) => ({
    value,
    label: LINK_STATE_LABELS[value],
    count: data?.facets.state[value] ?? 0,
  }));
  const providerOptions = [...new Set([...Object.keys(data?.facets.provider ?? {}), ...search.provider])]
    .sort()
    .map((value) => ({ value, label: value, count: data?.facets.provider[value] ?? 0 }));
  const filtered = hasLinkFilters(search);

  return (
    <>
      <PageHeader
        title="Links"
        description="Every re-link and new-account link sent from Switchboard: opened, completed, expired or replaced."
      />
      <div className="flex flex-col gap-3">
        <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Link filters">
          <DataTableFacetedFilter
            title="State"
            options={stateOptions}
            selected={search.state}
            onChange={(state) => onSearchChange({ ...search, state: state as LinksSearch['state'], page: 1 })}
          />
          <DataTableFacetedFilter
            title="Provider"
            options={providerOptions}
            selected={search.provider}
            onChange={(provider) => onSearchChange({ ...search, provider, page: 1 })}
          />
          <div className="flex items-center gap-2 px-2">
            <Checkbox
              id="links-created-by-me"
              checked={search.createdBy === 'me'}
              onCheckedChange={(checked) =>
                onSearchChange({ ...search, createdBy: checked === true ? 'me' : undefined, page: 1 })
              }
            />
            <Label htmlFor="links-created-by-me">Created by me</Label>
          </div>
          {filtered && (
            <Button
              variant="ghost"
              size="sm"
              className="h-8 px-2"
              onClick={() => onSearchChange({ ...LINKS_SEARCH_DEFAULTS, pageSize: search.pageSize })}
            >
              Reset
            </Button>
          )}
        </div>
        {query.isError && !data ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <>
            <DataTable
              table={table}
              label="Links"
              isLoading={query.isPending}
              isFetching={query.isPlaceholderData}
              empty={
                <EmptyState
                  title={filtered ? 'No links match these filters' : 'No links sent yet'}
                  description={
                    filtered
                      ? 'Try fewer filters.'
                      : 'Re-link links made from an account, or in bulk from the accounts table, appear here.'
                  }
                />
              }
            />
            {data && (
              <DataTablePagination
                page={search.page}
                pageSize={search.pageSize}
                total={data.total}
                noun="links"
                pageSizes={[25, 50, 100, 200]}
                onPageChange={(page) => onSearchChange({ ...search, page })}
                onPageSizeChange={(pageSize) => onSearchChange({ ...search, pageSize, page: 1 })}
              />
            )}
          </>
        )}
      </div>
    </>
  );
}
