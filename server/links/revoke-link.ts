import { and, eq, inArray } from 'drizzle-orm';
import { LIVE_LINK_STATES, type Link } from '../../shared/schemas/links.ts';
import { linkEvents, links } from '../db/schema.ts';
import { AppError } from '../http/app-error.ts';
import type { LedgerDeps } from './ledger-deps.ts';
import { linkView } from './link-view.ts';
import { publishLinkChanges } from './publish-link-changes.ts';
import { settleLinks } from './settle-links.ts';

/**
 * Revoked is a state of its own (`revoked`): the short link stops redirecting at once, whatever
 * StackOne's session still allows. Only a live link (sent or opened) can be revoked.
 */
export async function revokeLink(deps: LedgerDeps, id: string, actorEmail: string): Promise<Link> {
  await settleLinks(deps);
  const now = new Date().toISOString();
  const [row] = await deps.db
    .update(links)
    .set({ state: 'revoked', endedAt: now })
    .where(and(eq(links.id, id), inArray(links.state, [...LIVE_LINK_STATES])))
    .returning();
  if (!row) {
    const [existing] = await deps.db
      .select({ state: links.state })
      .from(links)
      .where(eq(links.id, id))
      .limit(1);
    if (!existing) throw new AppError('not_found', `No link ${id}`);
    throw new AppError(
      'conflict',
      `The link is ${existing.state} already; only a sent or opened link can be revoked`,
    );
  }
  await deps.db.insert(linkEvents).values({ linkId: row.id, state: 'revoked', at: now, actorEmail });
  await publishLinkChanges(deps, [row]);
  return linkView(row, deps.publicUrl);
}
