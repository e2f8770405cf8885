import { eq } from 'drizzle-orm';
import type { AccountDetail, TimelineEntry } from '../../shared/schemas/account-detail.ts';
import { accountView } from '../accounts-index/account-row.ts';
import { markAccountDeleted, upsertAccounts } from '../accounts-index/upsert-accounts.ts';
import type { AppDeps } from '../app-deps.ts';
import { listAccountAuditEntries } from '../audit/account-audit.ts';
import { accounts } from '../db/schema.ts';
import { AppError } from '../http/app-error.ts';
import { listAccountWebhookEvents } from '../webhooks/account-events.ts';

const isUnreachable = (err: unknown) =>
  err instanceof AppError &&
  ['upstream_unavailable', 'upstream_timeout', 'upstream_error', 'rate_limited'].includes(err.code);

/**
 * The live account from StackOne (refreshing its index row) with meta and timeline. When StackOne
 * cannot be reached, the indexed copy is answered marked stale rather than failing the page.
 */
export async function getAccountDetail(deps: AppDeps, id: string): Promise<AccountDetail> {
  const { db } = deps.database;
  let stale = false;
  let staleReason: string | null = null;
  let meta: AccountDetail['meta'] = null;
  try {
    const [live, liveMeta] = await Promise.all([
      deps.stackOne.getAccount(id),
      deps.stackOne.getAccountMeta(id).catch(() => null),
    ]);
    await upsertAccounts(db, [live], {});
    meta = liveMeta;
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') {
      if (await markAccountDeleted(db, id, new Date().toISOString())) {
        await deps.bus.publish({
          type: 'account.changed',
          accountId: id,
          change: 'deleted',
          status: null,
          at: new Date().toISOString(),
        });
      }
      throw new AppError('not_found', `No account with id ${id}`, { upstream: err.options.upstream });
    }
    if (!isUnreachable(err)) throw err;
    stale = true;
    staleReason = (err as AppError).message;
  }

  const [row] = await db.select().from(accounts).where(eq(accounts.id, id)).limit(1);
  if (!row || (stale && row.deletedAt)) {
    if (stale)
      throw new AppError('upstream_unavailable', `${staleReason} — and the account is not in the index`);
    throw new AppError('not_found', `No account with id ${id}`);
  }
  const [events, audit] = await Promise.all([
    listAccountWebhookEvents(db, id),
    listAccountAuditEntries(db, id),
  ]);
  const timeline: TimelineEntry[] = [
    ...events.map((e) => ({
      kind: 'webhook' as const,
      at: e.receivedAt,
      action: e.event,
      actor: 'StackOne',
      outcome: e.outcome,
      detail: e.payload,
    })),
    ...audit,
  ].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return { account: accountView(row), meta, stale, staleReason, timeline };
}
