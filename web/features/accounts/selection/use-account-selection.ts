import { useState } from 'react';
import type { Account } from '../../../../shared/schemas/account.ts';
import type { AccountsSearch } from '../accounts-search.ts';

/** What a filter is, without paging and sort: a selection belongs to one filter. */
export const filterKey = (search: AccountsSearch) =>
  JSON.stringify({
    q: search.q,
    status: search.status,
    provider: search.provider,
    type: search.type,
    ownerId: search.ownerId,
  });

export interface AccountSelection {
  /** Accounts picked by hand (across pages). */
  ids: ReadonlySet<string>;
  /** Every account matching the current filter, however many pages. */
  allMatching: boolean;
  isSelected(id: string): boolean;
  /** A click on a row's checkbox; with shift, the range from the last click takes the same value. */
  toggle(rows: readonly Account[], index: number, shift: boolean): void;
  /** The page's header checkbox. */
  setPage(rows: readonly Account[], selected: boolean): void;
  selectAllMatching(): void;
  clear(): void;
}

/** Row selection of the accounts table; it resets when the filter changes (not on paging or sorting). */
export function useAccountSelection(search: AccountsSearch): AccountSelection {
  const key = filterKey(search);
  const [state, setState] = useState({
    key,
    ids: new Set<string>() as ReadonlySet<string>,
    allMatching: false,
    anchor: null as string | null,
  });
  const current =
    state.key === key ? state : { key, ids: new Set<string>(), allMatching: false, anchor: null };

  return {
    ids: current.ids,
    allMatching: current.allMatching,
    isSelected: (id) => current.allMatching || current.ids.has(id),
    toggle(rows, index, shift) {
      const row = rows[index];
      if (!row) return;
      const value = !(current.allMatching || current.ids.has(row.id));
      const anchorIndex = current.anchor ? rows.findIndex((r) => r.id === current.anchor) : -1;
      const range =
        shift && anchorIndex >= 0
          ? rows.slice(Math.min(anchorIndex, index), Math.max(anchorIndex, index) + 1)
          : [row];
      // Unticking one row of "all matching" leaves the rows of this page picked by hand.
      const next = new Set(current.allMatching ? rows.map((r) => r.id) : current.ids);
      for (const r of range) {
        if (value) next.add(r.id);
        else next.delete(r.id);
      }
      setState({ key, ids: next, allMatching: false, anchor: row.id });
    },
    setPage(rows, selected) {
      const next = new Set(current.ids);
      for (const r of rows) {
        if (selected) next.add(r.id);
        else next.delete(r.id);
      }
      setState({ key, ids: next, allMatching: false, anchor: null });
    },
    selectAllMatching: () => setState({ key, ids: new Set(), allMatching: true, anchor: null }),
    clear: () => setState({ key, ids: new Set(), allMatching: false, anchor: null }),
  };
}
