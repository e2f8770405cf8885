import type { DoctorCheck } from '../../../shared/schemas/doctor.ts';
import { readAccountsPage, type AccountsPage } from '../accounts-pages.ts';
import { type DoctorContext, REQUESTED_PAGE_SIZE } from '../doctor-context.ts';

const TITLE = 'StackOne and API key';

/**
 * The key against `GET /accounts`. Only this check can end the report: with no answer or a refused
 * key, every other question would get the same answer.
 */
export function judgeApiKey(
  page: AccountsPage,
  where: { baseUrl: string; isSandbox: boolean },
): DoctorCheck & { fatal: boolean } {
  const target = where.isSandbox ? `the embedded sandbox (${where.baseUrl})` : where.baseUrl;
  const base = { id: 'api-key', title: TITLE };
  if (page.shape === 'unreachable')
    return {
      ...base,
      fatal: true,
      level: 'fail',
      detail: `StackOne is unreachable at ${target}: ${page.message}`,
      fix: 'Check STACKONE_BASE_URL and that this machine can reach it (proxy, firewall, DNS).',
    };
  if (page.shape === 'refused' && (page.status === 401 || page.status === 403))
    return {
      ...base,
      fatal: true,
      level: 'fail',
      detail: `StackOne refused the API key (${page.status}${page.message ? ` ${page.message}` : ''}) at ${target}`,
      fix: 'Set STACKONE_API_KEY to an API key of the StackOne project (Dashboard → API Keys).',
    };
  if (page.shape === 'refused' && (page.status === 429 || page.status >= 500))
    return {
      ...base,
      fatal: true,
      level: 'fail',
      detail: `StackOne answered ${page.status}${page.message ? ` ${page.message}` : ''} at ${target}`,
      fix:
        page.status === 429
          ? 'The key is rate limited right now: run the doctor again in a minute.'
          : 'StackOne is failing right now: run the doctor again later, or check status.stackone.com.',
    };
  if (page.shape === 'refused' && page.status === 404)
    return {
      ...base,
      fatal: true,
      level: 'fail',
      detail: `${target} has no /accounts (404): it does not look like StackOne's API`,
      fix: "Set STACKONE_BASE_URL to StackOne's API (https://api.stackone.com), without a path.",
    };
  // A 400 (to page_size=100, say) still means the key was accepted: the other checks say more.
  return { ...base, fatal: false, level: 'ok', detail: `StackOne accepted the key at ${target}` };
}

export async function apiKeyCheck(ctx: DoctorContext) {
  const page = readAccountsPage(await ctx.view.get('/accounts', { page: 1, page_size: REQUESTED_PAGE_SIZE }));
  return judgeApiKey(page, ctx);
}
