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

export interface AccountsTableProps {
  search: AccountsSearch;
  onSearchChange: (next: AccountsSearch) => void;
  data: AccountListResponse | undefined;
  isLoading: boolean;
  isFetching: boolean;
}

const isSort = (id: string): id is AccountSort => (ACCOUNT_SORTS as readonly string[]).includes(id);

/** The accounts table: everything it shows comes from the server page for the URL's search. */
export function AccountsTable({ search, onSearchChange, data, isLoading, isFetching }: AccountsTableProps) {
  const [columnVisibility, setColumnVisibility] = useColumnVisibility('switchboard.accounts.columns', {
    createdAt: false,
  });
  const recent = useRecentChanges();
  const sorting: SortingState = [{ id: search.sort, desc: search.order === 'desc' }];

  // No React Compiler in this build; the table instance is used as TanStack documents.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: data?.items ?? [],
    columns: accountsColumns,
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

  const filtered = hasActiveFilters(search);
  const isEmpty = !isLoading && data !== undefined && data.items.length === 0;
  const empty = filtered ? (
    <NoMatchingAccounts onReset={() => onSearchChange(resetFilters(search))} />
  ) : (
    <NoAccountsYet isSyncing={data?.sync.state === 'running'} hasSynced={Boolean(data?.syncedAt)} />
  );

  return (
    <div className="flex flex-col gap-3">
      <AccountsToolbar
        search={search}
        facets={data?.facets}
        onSearchChange={onSearchChange}
        hideReset={isEmpty && filtered}
      >
        <DataTableViewOptions table={table} />
      </AccountsToolbar>
      <DataTable
        table={table}
        label="Accounts"
        className="table-cards"
        isLoading={isLoading}
        isFetching={isFetching}
        empty={empty}
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
