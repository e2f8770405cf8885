import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import { LIVE_LINK_STATES } from '../../shared/schemas/links.ts';
import { linkEvents, links } from '../db/schema.ts';
import type { LedgerDeps } from './ledger-deps.ts';
import { publishLinkChanges } from './publish-link-changes.ts';
import { settleLinks } from './settle-links.ts';

export type ShortLinkOutcome =
  | { kind: 'redirect'; to: string }
  | { kind: 'ended'; state: string; createdByEmail: string | null }
  | { kind: 'unknown' };

/**
 * Opening a short link: while it is live (sent or opened, before its expiry) the open is counted in
 * the same statement that checks it, and the answer is StackOne's URL; otherwise the state it ended
 * in, never the URL.
 */
export async function openShortLink(deps: LedgerDeps, code: string): Promise<ShortLinkOutcome> {
  await settleLinks(deps);
  const now = new Date().toISOString();
  const [opened] = await deps.db
    .update(links)
    .set({
      state: 'opened',
      openCount: sql`${links.openCount} + 1`,
      openedAt: sql`coalesce(${links.openedAt}, ${now})`,
      lastOpenedAt: now,
    })
    .where(and(eq(links.code, code), inArray(links.state, [...LIVE_LINK_STATES]), gt(links.expiresAt, now)))
    .returning({
      id: links.id,
      accountId: links.accountId,
      state: links.state,
      openCount: links.openCount,
      to: links.authLinkUrl,
    });
  if (opened) {
    if (opened.openCount === 1)
      await deps.db.insert(linkEvents).values({ linkId: opened.id, state: 'opened', at: now });
    await publishLinkChanges(deps, [opened]);
    return { kind: 'redirect', to: opened.to };
  }
  const [row] = await deps.db
    .select({ state: links.state, createdByEmail: links.createdByEmail })
    .from(links)
    .where(eq(links.code, code))
    .limit(1);
  if (!row) return { kind: 'unknown' };
  // A live row here is past its expiry by a moment the settle did not see yet: expired all the same.
  const state = (LIVE_LINK_STATES as readonly string[]).includes(row.state) ? 'expired' : row.state;
  return { kind: 'ended', state, createdByEmail: row.createdByEmail };
}
