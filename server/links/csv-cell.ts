/**
 * One CSV cell, quoted, and defused: a spreadsheet runs a cell starting with = + - @ (or a tab or
 * CR that it strips first) as a formula, so such a cell gets a leading `'`.
 */
export function csvCell(value: string | null | undefined): string {
  let text = value ?? '';
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replaceAll('"', '""')}"`;
}

export const csvRow = (cells: (string | null | undefined)[]) => `${cells.map(csvCell).join(',')}\r\n`;
