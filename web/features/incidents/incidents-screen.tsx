import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getCoreRowModel, useReactTable, type SortingState, type Updater } from '@tanstack/react-table';
import { CircleCheckIcon } from 'lucide-react';
import { useMemo } from 'react';
import { INCIDENT_SORTS, type IncidentSort } from '../../../shared/schemas/incident.ts';
import { DataTable } from '../../components/data-table/data-table.tsx';
import { DataTablePagination } from '../../components/data-table/data-table-pagination.tsx';
import { EmptyState } from '../../components/feedback/empty-state.tsx';
import { ErrorState } from '../../components/feedback/error-state.tsx';
import { PageHeader } from '../../components/layout/page-header.tsx';
import { Button } from '../../components/ui/button.tsx';
import { incidentQueries } from '../../lib/queries/incidents.ts';
import { IncidentPanel } from './incident-panel.tsx';
import { incidentsColumns } from './incidents-columns.tsx';
import {
  hasActiveFilters,
  incidentListQuery,
  resetFilters,
  setPage,
  setPageSize,
  setSort,
  type IncidentsSearch,
} from './incidents-search.ts';
import { IncidentsToolbar } from './incidents-toolbar.tsx';

const isSort = (id: string): id is IncidentSort => (INCIDENT_SORTS as readonly string[]).includes(id);

export interface IncidentsScreenProps {
  search: IncidentsSearch;
  onSearchChange: (next: IncidentsSearch) => void;
}

/** The queue of broken accounts: unresolved, oldest first, unless the URL says otherwise. */
export function IncidentsScreen({ search, onSearchChange }: IncidentsScreenProps) {
  const query = useQuery({
    ...incidentQueries.list(incidentListQuery(search)),
    placeholderData: keepPreviousData,
  });
  const { data } = query;
  const columns = useMemo(
    () => incidentsColumns((incident) => onSearchChange({ ...search, incident: incident.id })),
    [search, onSearchChange],
  );
  const emails = useMemo(
    () =>
      new Map((data?.items ?? []).flatMap((i) => (i.assignee ? [[i.assignee.id, i.assignee.email]] : []))),
    [data],
  );
  const sorting: SortingState = [{ id: search.sort, desc: search.order === 'desc' }];

  // No React Compiler in this build; the table instance is used as TanStack documents.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: data?.items ?? [],
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.id,
    manualSorting: true,
    manualPagination: true,
    manualFiltering: true,
    enableSortingRemoval: false,
    rowCount: data?.total ?? 0,
    state: { sorting },
    onSortingChange: (updater: Updater<SortingState>) => {
      const next = (typeof updater === 'function' ? updater(sorting) : updater)[0];
      if (next && isSort(next.id)) onSearchChange(setSort(search, next.id, next.desc ? 'desc' : 'asc'));
    },
  });

  const empty = hasActiveFilters(search) ? (
    <EmptyState
      title="No incidents match"
      description="Change or reset the filters to see more."
      action={
        <Button variant="outline" size="sm" onClick={() => onSearchChange(resetFilters(search))}>
          Reset filters
        </Button>
      }
    />
  ) : (
    <EmptyState
      icon={CircleCheckIcon}
      title="Nothing is broken"
      description="Every account is active. An incident opens here when one turns error or inactive."
    />
  );

  return (
    <>
      <PageHeader
        title="Incidents"
        description="Broken accounts to work on, oldest first. Each closes itself when its account turns active."
      />
      {query.isError && !data ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <div className="flex flex-col gap-3">
          <IncidentsToolbar
            search={search}
            facets={data?.facets}
            emails={emails}
            onSearchChange={onSearchChange}
          />
          <DataTable
            table={table}
            label="Incidents"
            isLoading={query.isPending}
            isFetching={query.isPlaceholderData}
            empty={empty}
          />
          {data && data.total > 0 && (
            <DataTablePagination
              page={search.page}
              pageSize={search.pageSize}
              total={data.total}
              noun="incidents"
              onPageChange={(page) => onSearchChange(setPage(search, page))}
              onPageSizeChange={(size) => onSearchChange(setPageSize(search, size))}
            />
          )}
        </div>
      )}
      {search.incident && (
        <IncidentPanel
          incidentId={search.incident}
          onClose={() => onSearchChange({ ...search, incident: undefined })}
        />
      )}
    </>
  );
}
