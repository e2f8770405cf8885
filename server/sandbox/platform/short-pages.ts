import type { PageWindow } from './accounts-query.ts';

/** Items an odd-numbered page holds back under `short-pages`: a quarter of the page, at least one. */
export const shortfall = (pageSize: number) => (pageSize < 2 ? 0 : Math.max(1, Math.floor(pageSize / 4)));

/**
 * The `short-pages` dialect ("may return fewer results than the requested page size", StackOne's
 * paging guide): the first page is full, then every second page (index 1, 3, 5…) is short by
 * `shortfall(pageSize)`. The held-back items open the next page, so pages stay contiguous, none is
 * ever longer than `pageSize` or empty before the end, and paging on to the first empty page still
 * yields every item exactly once; the listing just runs a few pages longer.
 */
export function shortPageWindow(pageIndex: number, pageSize: number): PageWindow {
  const drop = shortfall(pageSize);
  const shortPagesBefore = Math.floor(pageIndex / 2);
  return {
    skip: pageIndex * pageSize - shortPagesBefore * drop,
    take: pageIndex % 2 === 1 ? pageSize - drop : pageSize,
  };
}
