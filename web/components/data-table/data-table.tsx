import { flexRender, type Row, type Table as TanStackTable } from '@tanstack/react-table';
import type { ComponentProps, ReactNode } from 'react';
import { cn } from '../../lib/cn.ts';
import { TableSkeleton } from '../feedback/table-skeleton.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../ui/table.tsx';
import { useRowOpen } from './use-row-open.ts';

export interface DataTableProps<TData> {
  table: TanStackTable<TData>;
  /** Accessible name of the table, e.g. "Accounts". */
  label: string;
  /** First load: skeleton rows instead of the body. */
  isLoading?: boolean;
  /** A refetch with the previous page still shown: dimmed, marked busy. */
  isFetching?: boolean;
  /** Shown across the whole body when there are no rows. */
  empty?: ReactNode;
  /** Extra attributes per row (e.g. `data-highlight`). */
  rowProps?: (row: Row<TData>) => ComponentProps<'tr'> & Record<`data-${string}`, unknown>;
  className?: string;
  /** The whole row opens (click, or Enter on the focused row; arrow keys move between rows). */
  onRowOpen?: (row: Row<TData>) => void;
  /** The header stays visible while the rows scroll (in a container as high as the window allows). */
  stickyHeader?: boolean;
}

const ariaSort = (sorted: false | 'asc' | 'desc') =>
  sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined;

/** Renders a TanStack table with the ui/table parts; paging, sorting and filtering stay with the caller. */
export function DataTable<TData>({
  table,
  label,
  isLoading,
  isFetching,
  empty,
  rowProps,
  className,
  onRowOpen,
  stickyHeader,
}: DataTableProps<TData>) {
  const columnCount = table.getVisibleLeafColumns().length;
  const rows = table.getRowModel().rows;
  const rowOpenProps = useRowOpen(rows.length, onRowOpen && ((index) => onRowOpen(rows[index]!)));
  return (
    <div className={cn('overflow-hidden rounded-lg border bg-background', className)}>
      <Table
        aria-label={label}
        aria-busy={isLoading || isFetching ? true : undefined}
        containerClassName={stickyHeader ? 'max-h-[max(24rem,calc(100dvh-13rem))] overflow-auto' : undefined}
      >
        <TableHeader
          className={
            stickyHeader ? 'sticky top-0 z-10 bg-background shadow-[0_1px_0_var(--border)]' : undefined
          }
        >
          {table.getHeaderGroups().map((group) => (
            <TableRow key={group.id} className="hover:bg-transparent">
              {group.headers.map((header) => (
                <TableHead
                  key={header.id}
                  aria-sort={
                    header.column.getCanSort() ? (ariaSort(header.column.getIsSorted()) ?? 'none') : undefined
                  }
                  className={header.column.columnDef.meta?.headerClassName}
                >
                  {header.isPlaceholder
                    ? null
                    : flexRender(header.column.columnDef.header, header.getContext())}
                </TableHead>
              ))}
            </TableRow>
          ))}
        </TableHeader>
        <TableBody className={cn('transition-opacity', isFetching && !isLoading && 'opacity-60')}>
          {isLoading ? (
            <TableSkeleton columns={columnCount} />
          ) : rows.length === 0 ? (
            <TableRow className="hover:bg-transparent">
              <TableCell colSpan={columnCount} className="p-0 whitespace-normal">
                {empty}
              </TableCell>
            </TableRow>
          ) : (
            rows.map((row, index) => {
              const { className: rowClassName, ...extra } = rowProps?.(row) ?? {};
              const { className: openClassName, ...open } = rowOpenProps(index);
              return (
                <TableRow
                  key={row.id}
                  className={cn(rowClassName as string | undefined, openClassName)}
                  {...open}
                  {...extra}
                >
                  {row.getVisibleCells().map((cell) => (
                    <TableCell key={cell.id} className={cell.column.columnDef.meta?.cellClassName}>
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </TableCell>
                  ))}
                </TableRow>
              );
            })
          )}
        </TableBody>
      </Table>
    </div>
  );
}
