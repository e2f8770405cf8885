/**
 * One CSV cell: quoted when it must be, and defused. A leading = + - @ (or a tab or CR before one)
 * would be run as a formula by spreadsheet programs, so such text gets a leading `'`.
 */
export function csvCell(value: unknown): string {
  const text =
    value === null || value === undefined
      ? ''
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV line (CRLF, as RFC 4180 and spreadsheet programs expect). */
export const csvLine = (cells: readonly unknown[]) => cells.map(csvCell).join(',') + '\r\n';
