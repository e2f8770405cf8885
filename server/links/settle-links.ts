import { and, desc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { LIVE_LINK_STATES } from '../../shared/schemas/links.ts';
import { accounts, linkEvents, links } from '../db/schema.ts';
import type { LedgerDeps } from './ledger-deps.ts';
import { publishLinkChanges, type LinkChange } from './publish-link-changes.ts';

const live = () => inArray(links.state, [...LIVE_LINK_STATES]);

async function recordSteps(deps: LedgerDeps, changed: LinkChange[], at: string) {
  if (changed.length === 0) return;
  // One JSON parameter, not three per link: an expiry sweep after a long stop can end more links
  // than one statement has bind parameters (65,535).
  const steps = JSON.stringify(changed.map((c) => ({ link_id: c.id, state: c.state })));
  await deps.db.execute(sql`
    insert into ${linkEvents} (link_id, state, at)
    select s.link_id, s.state, ${at}::timestamptz from json_to_recordset(${steps}::json) as s(link_id text, state text)`);
  await publishLinkChanges(deps, changed);
}

const changeColumns = { id: links.id, accountId: links.accountId, state: links.state };

/**
 * An account was seen changed (an `account.changed` event, from any console process): a live link
 * for it completes when the account is active now, and a live new-account link of its customer and
 * provider completes when the account is new. Idempotent: only live links change, so every process
 * hearing the same event, or the same event twice, completes a link once.
 */
export async function completeForAccount(deps: LedgerDeps, accountId: string): Promise<void> {
  const [account] = await deps.db
    .select({
      status: accounts.status,
      ownerId: accounts.originOwnerId,
      provider: accounts.provider,
      createdAt: accounts.createdAt,
      deletedAt: accounts.deletedAt,
    })
    .from(accounts)
    .where(eq(accounts.id, accountId))
    .limit(1);
  if (!account || account.deletedAt !== null || account.status !== 'active') return;
  const now = new Date().toISOString();
  const changed = await deps.db
    .update(links)
    .set({ state: 'completed', completedAt: now })
    .where(and(eq(links.accountId, accountId), live(), lte(links.createdAt, now)))
    .returning(changeColumns);

  // A new account: the customer's newest live new-account link for its provider (the one opened
  // last, if any was) made it, unless a link already names this account.
  const [claimed] = await deps.db
    .select({ id: links.id })
    .from(links)
    .where(eq(links.accountId, accountId))
    .limit(1);
  if (!claimed) {
    const [candidate] = await deps.db
      .select({ id: links.id })
      .from(links)
      .where(
        and(
          eq(links.kind, 'new_account'),
          isNull(links.accountId),
          eq(links.originOwnerId, account.ownerId),
          or(isNull(links.provider), eq(links.provider, account.provider)),
          live(),
          lte(links.createdAt, account.createdAt),
        ),
      )
      .orderBy(sql`${links.lastOpenedAt} desc nulls last`, desc(links.createdAt))
      .limit(1);
    if (candidate) {
      changed.push(
        ...(await deps.db
          .update(links)
          .set({ state: 'completed', completedAt: now, accountId })
          .where(and(eq(links.id, candidate.id), live()))
          .returning(changeColumns)),
      );
    }
  }
  await recordSteps(deps, changed, now);
}

/**
 * What events may have missed (a process that was down, a lost LISTEN connection): run before the
 * ledger is read and on a timer. A live link whose account the index holds active and changed
 * upstream after the link was made (and before it expired) completes; a live link past its expiry
 * expires.
 */
export async function settleLinks(deps: LedgerDeps): Promise<void> {
  const now = new Date().toISOString();
  const completed = await deps.db
    .update(links)
    .set({ state: 'completed', completedAt: sql`${accounts.updatedAt}` })
    .from(accounts)
    .where(
      and(
        eq(links.accountId, accounts.id),
        live(),
        eq(accounts.status, 'active'),
        isNull(accounts.deletedAt),
        sql`${accounts.updatedAt} > ${links.createdAt}`,
        sql`${accounts.updatedAt} <= ${links.expiresAt}`,
      ),
    )
    .returning(changeColumns);
  await recordSteps(deps, completed, now);
  const expired = await deps.db
    .update(links)
    .set({ state: 'expired', endedAt: sql`${links.expiresAt}` })
    .where(and(live(), lte(links.expiresAt, now)))
    .returning(changeColumns);
  await recordSteps(deps, expired, now);
}
