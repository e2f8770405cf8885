import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import { compactAccountsSearch, parseAccountsSearch, type AccountsSearch } from './accounts-search.ts';

const KEY = 'switchboard.accounts.last-list';

interface ListMemory {
  search: Partial<AccountsSearch>;
  windowY: number;
  tableY: number;
}

function read(): ListMemory | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as ListMemory) : null;
  } catch {
    return null;
  }
}

/** The accounts list as it was last left (filters, sort, page), for the account page's back link. */
export function lastAccountsListSearch(): Partial<AccountsSearch> {
  const memory = read();
  return memory ? compactAccountsSearch(parseAccountsSearch(memory.search)) : {};
}

const scrollerIn = (element: HTMLElement | null) =>
  element?.querySelector<HTMLElement>('[data-slot="table-container"]') ?? null;

const sameSearch = (a: Partial<AccountsSearch>, b: Partial<AccountsSearch>) =>
  JSON.stringify(compactAccountsSearch(parseAccountsSearch(a))) ===
  JSON.stringify(compactAccountsSearch(parseAccountsSearch(b)));

/**
 * Remembers the list's search and scroll (the window's and the table's own) while it is shown, and
 * when the same list is shown again (the back link), scrolls back to where it was once its rows are in.
 */
export function useAccountsListMemory(
  search: AccountsSearch,
  /** An element around the table: its scrolling container is found inside it. */
  around: RefObject<HTMLElement | null>,
  hasRows: boolean,
) {
  const restored = useRef(false);
  const position = useRef({ windowY: 0, tableY: 0 });
  const compact = compactAccountsSearch(search);
  const searchKey = JSON.stringify(compact);

  useLayoutEffect(() => {
    if (restored.current || !hasRows) return;
    restored.current = true;
    const memory = read();
    if (!memory || !sameSearch(memory.search, compact)) return;
    scrollerIn(around.current)?.scrollTo({ top: memory.tableY });
    window.scrollTo({ top: memory.windowY });
    position.current = { windowY: memory.windowY, tableY: memory.tableY };
  });

  useEffect(() => {
    // Nothing is saved before the rows are in: the first, empty render must not forget the position.
    if (!hasRows) return;
    const element = scrollerIn(around.current);
    const save = () => {
      try {
        sessionStorage.setItem(KEY, JSON.stringify({ search: JSON.parse(searchKey), ...position.current }));
      } catch {
        // Storage full or denied: the back link then shows the default list.
      }
    };
    const onScroll = () => {
      position.current = { windowY: window.scrollY, tableY: element?.scrollTop ?? 0 };
      save();
    };
    save();
    window.addEventListener('scroll', onScroll, { passive: true });
    element?.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      window.removeEventListener('scroll', onScroll);
      element?.removeEventListener('scroll', onScroll);
    };
  }, [searchKey, around, hasRows]);
}
