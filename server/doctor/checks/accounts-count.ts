import type { DoctorCheck } from '../../../shared/schemas/doctor.ts';
import { UpstreamLinkedAccountSchema } from '../../stackone/upstream-schemas.ts';
import type { DoctorContext } from '../doctor-context.ts';
import { accountsPage, firstPageOf } from './accounts-paging.ts';
import { describePage } from './describe-outcome.ts';

/** A doctor must not spend the key's rate limit on a large tenant: past this, the count is a floor. */
export const MAX_COUNT_PAGES = 20;
const KNOWN_STATUSES = new Set(['active', 'inactive', 'error']);

export interface AccountTally {
  count: number;
  byStatus: Record<string, number>;
  /** "record acc_1: created_at: expected an ISO date-time" for the first few. */
  invalid: string[];
  invalidCount: number;
  /** Stopped before the end (cap reached, or a page of accounts already seen). */
  stoppedEarly: 'cap' | 'repeating' | null;
  /** A page that failed along the way. */
  failedPage: string | null;
}

/** Counts accounts over pages, record by record, as the sync would read them. */
export function tallyAccounts(
  pages: { items: unknown[] }[],
): Omit<AccountTally, 'stoppedEarly' | 'failedPage'> {
  const seen = new Set<string>();
  const byStatus: Record<string, number> = {};
  const invalid: string[] = [];
  let invalidCount = 0;
  for (const page of pages)
    for (const item of page.items) {
      const parsed = UpstreamLinkedAccountSchema.safeParse(item);
      if (!parsed.success) {
        invalidCount++;
        const id = (item as { id?: unknown } | null)?.id;
        const issue = parsed.error.issues[0];
        if (invalid.length < 3)
          invalid.push(
            `${typeof id === 'string' ? id : 'a record'}: ${issue?.path.join('.') || 'record'} ${issue?.message ?? ''}`.trim(),
          );
        continue;
      }
      if (seen.has(parsed.data.id)) continue;
      seen.add(parsed.data.id);
      byStatus[parsed.data.status] = (byStatus[parsed.data.status] ?? 0) + 1;
    }
  return { count: seen.size, byStatus, invalid, invalidCount };
}

export function judgeAccountCount(tally: AccountTally): DoctorCheck {
  const base = { id: 'accounts-count', title: 'Accounts' };
  const statuses = Object.entries(tally.byStatus)
    .sort(([, a], [, b]) => b - a)
    .map(([status, n]) => `${n} ${status}`)
    .join(', ');
  const count =
    tally.stoppedEarly === 'cap'
      ? `At least ${tally.count} accounts (counted the first ${MAX_COUNT_PAGES} pages)`
      : `${tally.count} accounts`;
  const unknown = Object.keys(tally.byStatus).filter((s) => !KNOWN_STATUSES.has(s));
  const detail = [
    `${count}${statuses ? ` (${statuses})` : ''}`,
    unknown.length ? `statuses StackOne does not document: ${unknown.join(', ')}, shown as they come` : '',
  ]
    .filter(Boolean)
    .join('; ');
  if (tally.failedPage)
    return {
      ...base,
      level: 'fail',
      detail: `${detail}; then a page answered ${tally.failedPage}`,
      fix: 'Run the doctor again; if it persists, the sync will fail the same way: keep this output for StackOne support.',
    };
  if (tally.stoppedEarly === 'repeating')
    return {
      ...base,
      level: 'warn',
      detail: `${detail}; a later page repeated accounts already listed, as if page were ignored`,
      fix: 'The sync cannot list every account this way and marks none deleted from such a listing: keep this output for StackOne support.',
    };
  if (tally.invalidCount > 0)
    return {
      ...base,
      level: 'warn',
      detail: `${detail}; ${tally.invalidCount} record(s) do not have the shape StackOne's SDK documents (${tally.invalid.join('; ')})`,
      fix: "The console skips and counts such records instead of failing the page: check them in StackOne's dashboard.",
    };
  return { ...base, level: 'ok', detail };
}

export async function accountsCountCheck(ctx: DoctorContext) {
  const { start } = await firstPageOf(ctx);
  const pages: { items: unknown[] }[] = [];
  const seen = new Set<string>();
  let stoppedEarly: AccountTally['stoppedEarly'] = null;
  let failedPage: string | null = null;
  for (let n = start ?? 1; ; n++) {
    if (pages.length === MAX_COUNT_PAGES) {
      stoppedEarly = 'cap';
      break;
    }
    const page = await accountsPage(ctx, n);
    if (page.shape !== 'array' && page.shape !== 'envelope') {
      failedPage = describePage(page);
      break;
    }
    // The end is an empty page, not a short one (StackOne's paging guide allows short pages).
    if (page.items.length === 0) break;
    const fresh = page.ids.filter((id) => !seen.has(id));
    if (page.ids.length > 0 && fresh.length === 0) {
      stoppedEarly = 'repeating';
      break;
    }
    for (const id of fresh) seen.add(id);
    pages.push(page);
  }
  return judgeAccountCount({ ...tallyAccounts(pages), stoppedEarly, failedPage });
}
