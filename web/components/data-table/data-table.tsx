import { flexRender, type Row, type Table as TanStackTable } from '@tanstack/react-table';
import type { ComponentProps, ReactNode } from 'react';
import { cn } from '../../lib/cn.ts';
import { TableSkeleton } from '../feedback/table-skeleton.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../ui/table.tsx';

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
}: DataTableProps<TData>) {
  const columnCount = table.getVisibleLeafColumns().length;
  const rows = table.getRowModel().rows;
  return (
    <div className={cn('overflow-hidden rounded-lg border bg-background', className)}>
      <Table aria-label={label} aria-busy={isLoading || isFetching ? true : undefined}>
        <TableHeader>
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
            rows.map((row) => {
              const { className: rowClassName, ...extra } = rowProps?.(row) ?? {};
              return (
                <TableRow key={row.id} className={cn(rowClassName as string | undefined)} {...extra}>
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
