import type { DoctorCheck } from '../../../shared/schemas/doctor.ts';
import { readAccountsPage, type AccountsPage } from '../accounts-pages.ts';
import { type DoctorContext, REQUESTED_PAGE_SIZE } from '../doctor-context.ts';
import { describePage } from './describe-outcome.ts';

/** `/accounts` as a bare array (StackOne's SDK) or `{"data": [...]}` (one of StackOne's guides). */
export function judgeAccountsEnvelope(page: AccountsPage): DoctorCheck {
  const base = { id: 'accounts-envelope', title: 'Response envelope' };
  if (page.shape === 'array')
    return {
      ...base,
      level: 'ok',
      detail: "GET /accounts answers a bare JSON array, as StackOne's SDK expects",
    };
  if (page.shape === 'envelope')
    return {
      ...base,
      level: 'warn',
      detail: 'GET /accounts answers {"data": [...]}, not the bare array StackOne\'s SDK expects',
      fix: "Nothing to set: the console reads both shapes. Code of your own that uses StackOne's SDK for /accounts will fail on this answer.",
    };
  return {
    ...base,
    level: 'fail',
    detail: `GET /accounts answered ${describePage(page)}`,
    fix: 'The console cannot list accounts from this answer: check STACKONE_BASE_URL, and keep this output for StackOne support.',
  };
}

export async function accountsEnvelopeCheck(ctx: DoctorContext) {
  return judgeAccountsEnvelope(
    readAccountsPage(await ctx.view.get('/accounts', { page: 1, page_size: REQUESTED_PAGE_SIZE })),
  );
}
