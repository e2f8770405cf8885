import type { RowData } from '@tanstack/react-table';

declare module '@tanstack/react-table' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Human name for the Columns menu. */
    title?: string;
    headerClassName?: string;
    cellClassName?: string;
  }
}

export {};
