import { useState, type KeyboardEvent, type MouseEvent } from 'react';

// A click on these inside a row does their own thing, not open the row.
const INTERACTIVE =
  'a, button, input, select, textarea, label, [role="checkbox"], [role="menuitem"], [role="dialog"]';

/**
 * Rows that open on click and from the keyboard: one row is in the tab order (roving tabindex), the
 * arrow keys (and Home/End) move between rows, Enter opens the focused row. Clicks on links, buttons
 * and checkboxes inside a row, and clicks that end a text selection, are left alone.
 */
export function useRowOpen(rowCount: number, onOpen: ((index: number) => void) | undefined) {
  const [active, setActive] = useState(0);
  const current = Math.min(active, Math.max(0, rowCount - 1));

  const focusRow = (from: HTMLElement, index: number) => {
    const rows = from.closest('tbody')?.querySelectorAll<HTMLTableRowElement>(':scope > tr[data-row-index]');
    const target = rows?.[Math.max(0, Math.min(index, rows.length - 1))];
    if (!target) return;
    setActive(Number(target.dataset.rowIndex));
    target.focus();
  };

  return (index: number) =>
    onOpen
      ? {
          'data-row-index': index,
          tabIndex: index === current ? 0 : -1,
          className:
            'cursor-pointer focus-visible:outline-none focus-visible:bg-muted/70 focus-visible:ring-2 focus-visible:ring-ring/50 focus-visible:ring-inset',
          onFocus: () => setActive(index),
          onClick: (e: MouseEvent<HTMLTableRowElement>) => {
            if ((e.target as HTMLElement).closest(INTERACTIVE)) return;
            if (window.getSelection()?.toString()) return;
            onOpen(index);
          },
          onKeyDown: (e: KeyboardEvent<HTMLTableRowElement>) => {
            if (e.target !== e.currentTarget) return;
            const moves: Record<string, number> = {
              ArrowDown: index + 1,
              ArrowUp: index - 1,
              Home: 0,
              End: Number.MAX_SAFE_INTEGER,
            };
            if (e.key in moves) {
              e.preventDefault();
              focusRow(e.currentTarget, moves[e.key]!);
            } else if (e.key === 'Enter') {
              e.preventDefault();
              onOpen(index);
            }
          },
        }
      : {};
}
