import type { RawOutcome } from '../stackone/raw-request.ts';

/** A `/accounts` page as it came: a bare array (what the SDK expects) or `{data: [...]}`. */
export type AccountsPage =
  | { shape: 'array' | 'envelope'; items: unknown[]; ids: string[] }
  | { shape: 'refused'; status: number; message: string }
  | { shape: 'other'; status: number }
  | { shape: 'unreachable'; message: string };

const idOf = (item: unknown) =>
  item && typeof item === 'object' && typeof (item as { id?: unknown }).id === 'string'
    ? (item as { id: string }).id
    : null;

export function readAccountsPage(outcome: RawOutcome): AccountsPage {
  if (outcome.kind === 'unreachable') return { shape: 'unreachable', message: outcome.message };
  if (outcome.status < 200 || outcome.status >= 300)
    return { shape: 'refused', status: outcome.status, message: outcome.message };
  const body = outcome.body;
  const items = Array.isArray(body)
    ? body
    : body && typeof body === 'object' && Array.isArray((body as { data?: unknown }).data)
      ? (body as { data: unknown[] }).data
      : null;
  if (!items) return { shape: 'other', status: outcome.status };
  return {
    shape: Array.isArray(body) ? 'array' : 'envelope',
    items,
    ids: items.map(idOf).filter((id): id is string => id !== null),
  };
}

const listed = (page: AccountsPage): page is Extract<AccountsPage, { ids: string[] }> =>
  page.shape === 'array' || page.shape === 'envelope';

const sameIds = (a: string[], b: string[]) => a.length === b.length && a.every((id, i) => id === b[i]);

export type FirstPage = { start: 1; how: string } | { start: 0; how: string } | { start: null; how: string };

/**
 * Where `/accounts` pages start, from `page=0` and `page=1` (same page size). Page 1 is the first page
 * when page 0 is refused, empty, or the same page again (a server that reads 0 as 1); page 0 is the
 * first when it holds other accounts than page 1, or accounts while page 1 is empty.
 */
export function detectFirstPage(page0: AccountsPage, page1: AccountsPage): FirstPage {
  if (!listed(page1)) return { start: null, how: 'page=1 did not answer a list' };
  if (!listed(page0)) {
    return page0.shape === 'refused' && page0.status >= 400 && page0.status < 500
      ? { start: 1, how: `page=0 is refused (${page0.status})` }
      : { start: null, how: 'page=0 did not answer a list' };
  }
  if (page0.ids.length === 0 && page1.ids.length === 0)
    return { start: null, how: 'no accounts on page=0 or page=1' };
  if (page0.ids.length === 0) return { start: 1, how: 'page=0 is empty' };
  if (sameIds(page0.ids, page1.ids)) return { start: 1, how: 'page=0 repeats page=1' };
  if (page1.ids.length === 0) return { start: 0, how: 'page=0 holds accounts and page=1 is empty' };
  return { start: 0, how: 'page=0 and page=1 hold different accounts' };
}

export type PageSize =
  | { kind: 'as-requested'; size: number }
  | { kind: 'all-on-one-page'; count: number }
  | { kind: 'short'; size: number }
  | { kind: 'unknown'; how: string };

/**
 * The real page size, from the first two pages asked for with `requested`: a full first page is the
 * size asked for; a shorter one followed by more accounts is a silent cap or a page short before the
 * end (StackOne's paging guide allows both), and either way a short page does not mean the end.
 */
export function detectPageSize(first: AccountsPage, second: AccountsPage, requested: number): PageSize {
  if (!listed(first)) return { kind: 'unknown', how: 'the first page did not answer a list' };
  if (first.items.length >= requested) return { kind: 'as-requested', size: first.items.length };
  if (!listed(second)) return { kind: 'unknown', how: 'the second page did not answer a list' };
  const fresh = second.ids.filter((id) => !first.ids.includes(id));
  if (fresh.length === 0) return { kind: 'all-on-one-page', count: first.items.length };
  return { kind: 'short', size: first.items.length };
}
