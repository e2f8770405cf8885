import { useNavigate } from '@tanstack/react-router';
import { getCoreRowModel, useReactTable, type SortingState, type Updater } from '@tanstack/react-table';
import type { AccountListResponse, AccountSort } from '../../../shared/schemas/account-filters.ts';
import { ACCOUNT_SORTS } from '../../../shared/schemas/account-filters.ts';
import { DataTable } from '../../components/data-table/data-table.tsx';
import { DataTablePagination } from '../../components/data-table/data-table-pagination.tsx';
import { DataTableViewOptions } from '../../components/data-table/data-table-view-options.tsx';
import { useColumnVisibility } from '../../components/data-table/use-column-visibility.ts';
import { useRecentChanges } from '../../lib/events/recent-changes.ts';
import { accountsColumns } from './accounts-columns.tsx';
import { NoAccountsYet, NoMatchingAccounts } from './accounts-empty.tsx';
import {
  hasActiveFilters,
  resetFilters,
  setPage,
  setPageSize,
  setSort,
  type AccountsSearch,
} from './accounts-search.ts';
import { AccountsToolbar } from './accounts-toolbar.tsx';
import { useAccountsListMemory } from './accounts-list-memory.ts';
import { useSnapToLastPage } from './use-snap-to-last-page.ts';
import { useRef } from 'react';
import { SelectionBar } from './selection/selection-bar.tsx';
import { selectionColumn } from './selection/selection-column.tsx';
import { useAccountSelection } from './selection/use-account-selection.ts';
import { useCan } from '../../lib/use-me.ts';
import { ExportCsvButton } from './export-csv-button.tsx';
import { SaveViewButton } from './save-view-button.tsx';

export interface AccountsTableProps {
  search: AccountsSearch;
  onSearchChange: (next: AccountsSearch, options?: { replace?: boolean }) => void;
  data: AccountListResponse | undefined;
  isLoading: boolean;
  isFetching: boolean;
  /**
   * A filter the page fixes (a customer page's owner): the caller applies it to the query and keeps
   * it out of `search`; exports and saved views add it back.
   */
  fixed?: Partial<AccountsSearch>;
}

const isSort = (id: string): id is AccountSort => (ACCOUNT_SORTS as readonly string[]).includes(id);

/** The accounts table: everything it shows comes from the server page for the URL's search. */
export function AccountsTable({
  search,
  onSearchChange,
  data,
  isLoading,
  isFetching,
  fixed,
}: AccountsTableProps) {
  const [columnVisibility, setColumnVisibility] = useColumnVisibility('switchboard.accounts.columns', {
    createdAt: false,
  });
  const recent = useRecentChanges();
  const sorting: SortingState = [{ id: search.sort, desc: search.order === 'desc' }];
  const selection = useAccountSelection(search);
  const canSelect = useCan('accounts:relink');

  // No React Compiler in this build; the table instance is used as TanStack documents.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: data?.items ?? [],
    columns: canSelect ? [selectionColumn(selection), ...accountsColumns] : accountsColumns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.id,
    manualSorting: true,
    manualPagination: true,
    manualFiltering: true,
    enableSortingRemoval: false,
    rowCount: data?.total ?? 0,
    state: { sorting, columnVisibility },
    onColumnVisibilityChange: setColumnVisibility,
    onSortingChange: (updater: Updater<SortingState>) => {
      const next = (typeof updater === 'function' ? updater(sorting) : updater)[0];
      if (next && isSort(next.id)) onSearchChange(setSort(search, next.id, next.desc ? 'desc' : 'asc'));
    },
  });

  const navigate = useNavigate();
  const isPastEnd = useSnapToLastPage(search, data, isFetching, onSearchChange);
  const around = useRef<HTMLDivElement>(null);
  useAccountsListMemory(search, around, Boolean(data?.items.length));

  const filtered = hasActiveFilters(search);
  const isEmpty = !isLoading && data !== undefined && data.items.length === 0;
  const empty = filtered ? (
    <NoMatchingAccounts onReset={() => onSearchChange(resetFilters(search))} />
  ) : (
    <NoAccountsYet isSyncing={data?.sync.state === 'running'} hasSynced={Boolean(data?.syncedAt)} />
  );

  return (
    <div ref={around} className="flex flex-col gap-3">
      <AccountsToolbar
        search={search}
        facets={data?.facets}
        onSearchChange={onSearchChange}
        hideReset={isEmpty && filtered}
      >
        <SaveViewButton search={{ ...search, ...fixed }} />
        <ExportCsvButton search={{ ...search, ...fixed }} />
        <DataTableViewOptions table={table} />
      </AccountsToolbar>
      {canSelect && (
        <SelectionBar
          selection={selection}
          search={search}
          total={data?.total ?? 0}
          pageCount={data?.items.length ?? 0}
        />
      )}
      <DataTable
        table={table}
        label="Accounts"
        className="table-cards"
        isLoading={isLoading || isPastEnd}
        isFetching={isFetching}
        empty={empty}
        stickyHeader
        onRowOpen={(row) => void navigate({ to: '/accounts/$accountId', params: { accountId: row.id } })}
        rowProps={(row) => ({ 'data-highlight': recent.has(row.id) ? 'true' : undefined })}
      />
      {data && data.total > 0 && (
        <DataTablePagination
          page={search.page}
          pageSize={search.pageSize}
          total={data.total}
          noun="accounts"
          onPageChange={(page) => onSearchChange(setPage(search, page))}
          onPageSizeChange={(size) => onSearchChange(setPageSize(search, size))}
        />
      )}
    </div>
  );
}
