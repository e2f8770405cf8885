import { and, eq, getTableColumns, gt, isNull, lt, or, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { AccountListQuery } from '../../shared/schemas/account-filters.ts';
import type { Db } from '../db/client.ts';
import { isDatabaseError } from '../db/database-error.ts';
import { AppError } from '../http/app-error.ts';
import { accounts } from '../db/schema.ts';
import { csvLine } from '../http/csv-cell.ts';
import type { AccountRow } from './account-row.ts';
import { accountsOrderBy, buildConditions, SORT_COLUMNS, where } from './list-accounts.ts';

export type AccountExportFilter = Omit<AccountListQuery, 'page' | 'pageSize'>;

export const EXPORT_PAGE_SIZE = 1000;

/** A column of `accounts` → its key in a selected row. */
const ROW_KEY = new Map<AnyPgColumn, keyof AccountRow>(
  Object.entries(getTableColumns(accounts)).map(([key, column]) => [column, key as keyof AccountRow]),
);

/**
 * The rows after `last` in the list's order (its sort columns, then the id, all one direction; a
 * label sort puts nulls last either way). Keyset paging: each page is read where the previous one
 * ended, so a deep page costs no more than the first and no cursor holds a connection (PGlite has
 * one) for as long as a download takes.
 */
function after(query: AccountExportFilter, last: AccountRow): SQL {
  const op = query.order === 'asc' ? gt : lt;
  const keys: { column: AnyPgColumn; value: string | null }[] = [
    ...SORT_COLUMNS[query.sort].map((column) => ({
      column,
      value: last[ROW_KEY.get(column)!] as string | null,
    })),
    { column: accounts.id, value: last.id },
  ];
  const from = (i: number): SQL => {
    const { column, value } = keys[i]!;
    if (i === keys.length - 1) return op(column, value!);
    if (value === null) return and(isNull(column), from(i + 1))!;
    const nullsAfter = query.sort === 'label' && column === accounts.label ? [isNull(column)] : [];
    return or(op(column, value), ...nullsAfter, and(eq(column, value), from(i + 1)))!;
  };
  return from(0);
}

/**
 * Every account of the list's filter, in its order, a page at a time: the next page is read only
 * when the caller asks for it, so an export of any size holds one page in memory.
 */
export async function* iterateAccountPages(
  db: Db,
  query: AccountExportFilter,
  pageSize = EXPORT_PAGE_SIZE,
): AsyncGenerator<AccountRow[]> {
  const filter = where(buildConditions({ ...query, page: 1, pageSize }));
  const orderBy = accountsOrderBy(query);
  let last: AccountRow | undefined;
  for (;;) {
    const rows = await db
      .select()
      .from(accounts)
      .where(last ? and(filter, after(query, last)) : filter)
      .orderBy(orderBy)
      .limit(pageSize);
    if (rows.length > 0) yield rows;
    if (rows.length < pageSize) return;
    last = rows[rows.length - 1];
  }
}

const HEADER = [
  'Account ID',
  'Customer ID',
  'Customer name',
  'Username',
  'Provider',
  'Provider name',
  'Label',
  'Status',
  'Status reason',
  'Type',
  'Created at',
  'Updated at',
];

const iso = (s: string) => new Date(s).toISOString();

const reasonText = (row: AccountRow) =>
  row.statusReasons
    .map((r) => [r.code, r.description].filter(Boolean).join(': '))
    .filter(Boolean)
    .join('; ');

export const accountsCsvHeader = () => csvLine(HEADER);

/** One page of rows as CSV lines, cells defused (csvCell). */
export const accountsCsvLines = (rows: readonly AccountRow[]) =>
  rows
    .map((row) =>
      csvLine([
        row.id,
        row.originOwnerId,
        row.originOwnerName,
        row.originUsername,
        row.provider,
        row.providerName,
        row.label,
        row.status,
        reasonText(row),
        row.type,
        iso(row.createdAt),
        iso(row.updatedAt),
      ]),
    )
    .join('');

/**
 * What an export's audit row says of a failed read. A database error's message holds the statement
 * and its values (customer names): that goes to the server log only.
 */
export function exportReadFailure(err: unknown): string {
  if (err instanceof AppError) return err.message;
  console.error('[export] reading the accounts for a CSV export failed', err);
  return isDatabaseError(err)
    ? 'A database error stopped the export (details in the server log)'
    : 'An internal error stopped the export (details in the server log)';
}

/**
 * Writes the CSV header, then `first` and every later page of `pages`, each through `write` (which
 * waits for the reader: one page in memory). Ends with the rows written and, when it stopped early,
 * why: a page that could not be read (exportReadFailure), or a write that failed (the download gone).
 */
export async function writeAccountsCsv(
  first: IteratorResult<AccountRow[], void>,
  pages: AsyncGenerator<AccountRow[]>,
  write: (text: string) => Promise<void>,
): Promise<{ rows: number; error: string | null }> {
  let rows = 0;
  try {
    await write(accountsCsvHeader());
    let page = first;
    while (!page.done) {
      await write(accountsCsvLines(page.value));
      rows += page.value.length;
      try {
        page = await pages.next();
      } catch (err) {
        return { rows, error: exportReadFailure(err) };
      }
    }
    return { rows, error: null };
  } catch (err) {
    await pages.return(undefined);
    return { rows, error: err instanceof Error ? err.message : String(err) };
  }
}
