import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { SearchIcon } from 'lucide-react';
import { useEffect, useState } from 'react';
import { DataTablePagination } from '../../components/data-table/data-table-pagination.tsx';
import { EmptyState } from '../../components/feedback/empty-state.tsx';
import { ErrorState } from '../../components/feedback/error-state.tsx';
import { TableSkeleton } from '../../components/feedback/table-skeleton.tsx';
import { PageHeader } from '../../components/layout/page-header.tsx';
import { Input } from '../../components/ui/input.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../../components/ui/table.tsx';
import { formatNumber } from '../../../shared/format.ts';
import { customerQueries } from '../../lib/queries/customers.ts';
import { useDebouncedValue } from '../connect/use-debounced-value.ts';
import type { CustomersSearch } from './customers-search.ts';
import { StatusCounts } from './status-counts.tsx';

export interface CustomersScreenProps {
  search: CustomersSearch;
  onSearchChange: (next: CustomersSearch) => void;
}

/** Every customer (origin owner) of the index, searchable, with their accounts by status. */
export function CustomersScreen({ search, onSearchChange }: CustomersScreenProps) {
  const query = useQuery({ ...customerQueries.list(search), placeholderData: keepPreviousData });
  const [text, setText] = useState(search.q ?? '');
  const debounced = useDebouncedValue(text.trim(), 250);
  useEffect(() => {
    if (debounced !== (search.q ?? '')) onSearchChange({ ...search, q: debounced || undefined, page: 1 });
    // Only the typed text drives this; the search it starts from is the latest one.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);
  const { data } = query;

  return (
    <>
      <PageHeader
        title="Customers"
        description="Everyone with a linked account, and how their accounts are doing."
      />
      <div className="flex flex-col gap-3">
        <div className="relative w-full max-w-sm">
          <SearchIcon
            className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground"
            aria-hidden
          />
          <Input
            type="search"
            aria-label="Search customers"
            placeholder="Search by name or id…"
            className="h-8 pl-8"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        {query.isError && !data ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <div className="rounded-md border bg-background" aria-busy={query.isFetching || undefined}>
            <Table aria-label="Customers">
              <TableHeader>
                <TableRow>
                  <TableHead>Customer</TableHead>
                  <TableHead className="text-right">Accounts</TableHead>
                  <TableHead>By status</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody className={query.isPlaceholderData ? 'opacity-60' : undefined}>
                {!data ? (
                  <TableSkeleton columns={3} />
                ) : data.items.length === 0 ? (
                  <TableRow className="hover:bg-transparent">
                    <TableCell colSpan={3}>
                      <EmptyState
                        title={search.q ? 'No customer matches' : 'No customers yet'}
                        description={
                          search.q
                            ? `Nobody’s name or id contains “${search.q}”.`
                            : 'Customers appear once their first account is linked and synced.'
                        }
                      />
                    </TableCell>
                  </TableRow>
                ) : (
                  data.items.map((customer) => (
                    <TableRow key={customer.ownerId}>
                      <TableCell>
                        <Link
                          to="/customers/$ownerId"
                          params={{ ownerId: customer.ownerId }}
                          className="group flex flex-col rounded-sm outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
                        >
                          <span className="font-medium group-hover:underline">{customer.ownerName}</span>
                          <span className="font-mono text-xs text-muted-foreground">{customer.ownerId}</span>
                        </Link>
                      </TableCell>
                      <TableCell className="text-right tabular-nums">
                        {formatNumber(customer.accounts)}
                      </TableCell>
                      <TableCell>
                        <StatusCounts byStatus={customer.byStatus} />
                      </TableCell>
                    </TableRow>
                  ))
                )}
              </TableBody>
            </Table>
          </div>
        )}
        {data && data.total > 0 && (
          <DataTablePagination
            page={search.page}
            pageSize={search.pageSize}
            total={data.total}
            noun="customers"
            onPageChange={(page) => onSearchChange({ ...search, page })}
            onPageSizeChange={(pageSize) => onSearchChange({ ...search, pageSize, page: 1 })}
          />
        )}
      </div>
    </>
  );
}
