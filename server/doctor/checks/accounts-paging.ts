import type { DoctorCheck } from '../../../shared/schemas/doctor.ts';
import {
  detectFirstPage,
  detectPageSize,
  readAccountsPage,
  type FirstPage,
  type PageSize,
} from '../accounts-pages.ts';
import { type DoctorContext, REQUESTED_PAGE_SIZE } from '../doctor-context.ts';

/** Page `n` of `/accounts` at the size the sync asks for (each asked once, see StackOneView). */
export const accountsPage = async (ctx: DoctorContext, page: number) =>
  readAccountsPage(await ctx.view.get('/accounts', { page, page_size: REQUESTED_PAGE_SIZE }));

export async function firstPageOf(ctx: DoctorContext): Promise<FirstPage> {
  return detectFirstPage(await accountsPage(ctx, 0), await accountsPage(ctx, 1));
}

export function judgeFirstPage(first: FirstPage): DoctorCheck {
  const base = { id: 'accounts-first-page', title: 'Where /accounts pages start' };
  if (first.start === 1) return { ...base, level: 'ok', detail: `Pages start at 1: ${first.how}` };
  if (first.start === 0)
    return {
      ...base,
      level: 'warn',
      detail: `Pages start at 0, not 1 (${first.how})`,
      fix: "Nothing to set: the console's sync finds the first page itself. If a sync ever misses accounts, keep this output for the report.",
    };
  return {
    ...base,
    level: 'ok',
    detail: `Unknown (${first.how}); the console's sync finds the first page itself`,
  };
}

export function judgePageSize(size: PageSize, requested: number): DoctorCheck {
  const base = { id: 'accounts-page-size', title: '/accounts page size' };
  switch (size.kind) {
    case 'as-requested':
      return { ...base, level: 'ok', detail: `page_size=${requested} gives pages of ${size.size}` };
    case 'all-on-one-page':
      return {
        ...base,
        level: 'ok',
        detail: `All ${size.count} accounts fit on one page of ${requested}: the largest page size could not be measured`,
      };
    case 'short':
      return {
        ...base,
        level: 'warn',
        detail: `page_size=${requested} gave a page of ${size.size} with more accounts after it: StackOne caps pages (or sends short pages before the end)`,
        fix: "Nothing to set: the console's sync pages on until an empty page, not a short one. Code of your own must not stop at a short page either.",
      };
    default:
      return { ...base, level: 'warn', detail: `Unknown: ${size.how}`, fix: 'See the checks above.' };
  }
}

export async function accountsFirstPageCheck(ctx: DoctorContext) {
  return judgeFirstPage(await firstPageOf(ctx));
}

export async function accountsPageSizeCheck(ctx: DoctorContext) {
  const { start } = await firstPageOf(ctx);
  const from = start ?? 1;
  const size = detectPageSize(
    await accountsPage(ctx, from),
    await accountsPage(ctx, from + 1),
    REQUESTED_PAGE_SIZE,
  );
  return judgePageSize(size, REQUESTED_PAGE_SIZE);
}
