import type { Column } from '@tanstack/react-table';
import { ArrowDownIcon, ArrowUpIcon, ChevronsUpDownIcon } from 'lucide-react';
import { cn } from '../../lib/cn.ts';

export interface DataTableColumnHeaderProps<TData, TValue> {
  column: Column<TData, TValue>;
  title: string;
  className?: string;
}

const nextSortLabel = (sorted: false | 'asc' | 'desc') =>
  sorted === 'asc' ? 'Sort descending' : sorted === 'desc' ? 'Sort ascending' : 'Sort';

/**
 * A column title that sorts when clicked, with a small sort button for the keyboard. The button is
 * named after what it does, not after the column, so toolbar controls such as a "Status" filter
 * keep a name no other button on the page shares. The direction is announced by `aria-sort` on the
 * <th>, set by DataTable.
 */
export function DataTableColumnHeader<TData, TValue>({
  column,
  title,
  className,
}: DataTableColumnHeaderProps<TData, TValue>) {
  if (!column.getCanSort()) return <span className={className}>{title}</span>;
  const sorted = column.getIsSorted();
  const Icon = sorted === 'asc' ? ArrowUpIcon : sorted === 'desc' ? ArrowDownIcon : ChevronsUpDownIcon;
  const toggle = column.getToggleSortingHandler();
  return (
    <span className={cn('inline-flex items-center gap-0.5', sorted && 'text-foreground', className)}>
      {/* Mouse convenience; the button below is the keyboard path. */}
      <span onClick={toggle} className="cursor-pointer select-none hover:text-foreground">
        {title}
      </span>
      <button
        type="button"
        onClick={toggle}
        aria-label={nextSortLabel(sorted)}
        className="inline-flex size-6 items-center justify-center rounded-md hover:bg-accent hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none"
      >
        <Icon className={cn('size-3.5', !sorted && 'opacity-40')} aria-hidden />
      </button>
    </span>
  );
}
