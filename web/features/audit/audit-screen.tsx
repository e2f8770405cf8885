import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { DownloadIcon } from 'lucide-react';
import { DataTable } from '../../components/data-table/data-table.tsx';
import { DataTablePagination } from '../../components/data-table/data-table-pagination.tsx';
import { EmptyState } from '../../components/feedback/empty-state.tsx';
import { ErrorState } from '../../components/feedback/error-state.tsx';
import { PageHeader } from '../../components/layout/page-header.tsx';
import { Button } from '../../components/ui/button.tsx';
import { auditCsvHref, auditQueries } from '../../lib/queries/audit.ts';
import { auditColumns } from './audit-columns.tsx';
import { AuditFilters } from './audit-filters.tsx';
import { hasAuditFilters, resetAuditFilters, type AuditSearch } from './audit-search.ts';

export interface AuditScreenProps {
  search: AuditSearch;
  onSearchChange: (next: AuditSearch) => void;
}

/** Every mutation made through the console: who, what, on which account, and how it went. */
export function AuditScreen({ search, onSearchChange }: AuditScreenProps) {
  const query = useQuery({ ...auditQueries.list(search), placeholderData: keepPreviousData });
  const { data } = query;

  // No React Compiler in this build; the table instance is used as TanStack documents.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: data?.items ?? [],
    columns: auditColumns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => String(row.id),
    manualPagination: true,
    rowCount: data?.total ?? 0,
  });

  const filtered = hasAuditFilters(search);
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change made through Switchboard, with its outcome and StackOne's answer."
        actions={
          <Button variant="outline" size="sm" asChild>
            <a href={auditCsvHref(search)} download>
              <DownloadIcon aria-hidden />
              Export CSV
            </a>
          </Button>
        }
      />
      <div className="flex flex-col gap-3">
        <AuditFilters search={search} onSearchChange={onSearchChange} />
        {query.isError && !data ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <>
            <DataTable
              table={table}
              label="Audit log"
              isLoading={query.isPending}
              isFetching={query.isPlaceholderData}
              empty={
                <EmptyState
                  title={filtered ? 'No entries match these filters' : 'Nothing audited yet'}
                  description={
                    filtered
                      ? 'Try a wider date range or fewer filters.'
                      : 'Changes made in the console appear here.'
                  }
                  action={
                    filtered && (
                      <Button
                        variant="outline"
                        size="sm"
                        onClick={() => onSearchChange(resetAuditFilters(search))}
                      >
                        Reset filters
                      </Button>
                    )
                  }
                />
              }
            />
            {data && (
              <DataTablePagination
                page={search.page}
                pageSize={search.pageSize}
                total={data.total}
                noun="entries"
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
