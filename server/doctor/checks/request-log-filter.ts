import type { DoctorCheck } from '../../../shared/schemas/doctor.ts';
import type { RawOutcome } from '../../stackone/raw-request.ts';
import type { DoctorContext } from '../doctor-context.ts';

const PAGE_SIZE = 50;

/** What one filtered read of `/requests/logs` showed about the account filter. */
export type FilterResult =
  | { kind: 'honoured'; entries: number }
  | { kind: 'ignored'; others: number; entries: number }
  | { kind: 'untestable'; why: string }
  | { kind: 'failed'; why: string };

const entriesOf = (outcome: RawOutcome): unknown[] | string => {
  if (outcome.kind === 'unreachable') return `no answer (${outcome.message})`;
  if (outcome.status < 200 || outcome.status >= 300)
    return `${outcome.status}${outcome.message ? ` ${outcome.message}` : ''}`;
  const data = (outcome.body as { data?: unknown } | null)?.data;
  return Array.isArray(data) ? data : 'an answer without a data list';
};

const accountIdOf = (entry: unknown) => {
  const id = (entry as { account_id?: unknown } | null)?.account_id;
  return typeof id === 'string' ? id : null;
};

/** The entries' own `account_id` against the account asked for. */
export function judgeFilterAnswer(outcome: RawOutcome, accountId: string): FilterResult {
  const entries = entriesOf(outcome);
  if (typeof entries === 'string') return { kind: 'failed', why: entries };
  if (entries.length === 0) return { kind: 'untestable', why: 'no entries came back' };
  const ids = entries.map(accountIdOf);
  if (ids.some((id) => id === null)) return { kind: 'untestable', why: 'entries carry no account_id' };
  const others = ids.filter((id) => id !== accountId).length;
  return others === 0
    ? { kind: 'honoured', entries: entries.length }
    : { kind: 'ignored', others, entries: entries.length };
}

/** The first account id the unfiltered log names: one that certainly has entries. */
export function accountWithLogs(
  outcome: RawOutcome,
): { accountId: string } | { why: string; failed: boolean } {
  const entries = entriesOf(outcome);
  if (typeof entries === 'string') return { why: `GET /requests/logs answered ${entries}`, failed: true };
  const id = entries.map(accountIdOf).find((x) => x !== null);
  if (id) return { accountId: id };
  return {
    why: entries.length ? 'log entries carry no account_id' : 'there are no request logs yet',
    failed: false,
  };
}

const describe = (r: FilterResult) =>
  r.kind === 'honoured'
    ? `honoured (${r.entries} entries, all of that account)`
    : r.kind === 'ignored'
      ? `ignored (${r.others} of ${r.entries} entries are other accounts')`
      : r.kind === 'untestable'
        ? `could not be judged (${r.why})`
        : `failed (${r.why})`;

export function judgeLogFilter(bare: FilterResult, bracket: FilterResult): DoctorCheck {
  const base = { id: 'request-log-filter', title: 'Request-log account filter' };
  const detail = `account_ids: ${describe(bare)}; filter[account_ids]: ${describe(bracket)}`;
  if (bare.kind === 'honoured') return { ...base, level: 'ok', detail };
  if (bare.kind === 'failed' && bracket.kind === 'failed')
    return {
      ...base,
      level: 'fail',
      detail,
      fix: 'The Logs tab cannot read request logs: check that the key may read them.',
    };
  if (bracket.kind === 'honoured')
    return {
      ...base,
      level: 'warn',
      detail,
      fix: 'Nothing to set: the console sends both forms and drops any entry of another account. Code of your own must send filter[account_ids].',
    };
  if (bare.kind === 'ignored' || bracket.kind === 'ignored')
    return {
      ...base,
      level: 'warn',
      detail,
      fix: "Neither form filters by account: the Logs tab drops other accounts' entries itself, so it may show few of them. Keep this output for StackOne support.",
    };
  return { ...base, level: 'ok', detail: `Unknown: ${detail}` };
}

export async function requestLogFilterCheck(ctx: DoctorContext): Promise<DoctorCheck> {
  const picked = accountWithLogs(await ctx.view.get('/requests/logs', { page_size: PAGE_SIZE }));
  if (!('accountId' in picked))
    return picked.failed
      ? {
          id: 'request-log-filter',
          title: 'Request-log account filter',
          level: 'warn',
          detail: picked.why,
          fix: 'The Logs tab cannot read request logs: check that the key may read them.',
        }
      : {
          id: 'request-log-filter',
          title: 'Request-log account filter',
          level: 'ok',
          detail: `Unknown: ${picked.why}, so the filter could not be tried`,
        };
  const { accountId } = picked;
  const bare = await ctx.view.get('/requests/logs', { account_ids: accountId, page_size: PAGE_SIZE });
  const bracket = await ctx.view.get('/requests/logs', {
    'filter[account_ids]': accountId,
    page_size: PAGE_SIZE,
  });
  return judgeLogFilter(judgeFilterAnswer(bare, accountId), judgeFilterAnswer(bracket, accountId));
}
