import { and, eq, inArray, ne } from 'drizzle-orm';
import { LIVE_LINK_STATES } from '../../shared/schemas/links.ts';
import { linkEvents, links } from '../db/schema.ts';
import { safeText, safeTextOrNull } from '../http/pg-safe-text.ts';
import type { LedgerDeps } from './ledger-deps.ts';
import { newLinkCode, newLinkId } from './link-code.ts';
import { publishLinkChanges } from './publish-link-changes.ts';
import type { LinkRow } from './link-view.ts';

export interface NewLink {
  kind: 'relink' | 'new_account';
  accountId: string | null;
  originOwnerId: string;
  originOwnerName: string;
  provider: string | null;
  label: string | null;
  authLinkUrl: string;
  expiresAt: string;
  createdById: string | null;
  createdByEmail: string | null;
  jobId?: string | null;
}

/**
 * Writes a ledger entry (`sent`) and, for an account, supersedes every older link of the account
 * still live, in one transaction: at most one live link per account.
 */
export async function recordLink(
  deps: LedgerDeps,
  input: NewLink,
  /** A bulk job's links are announced by the job's progress events, not one event each. */
  options: { quiet?: boolean } = {},
): Promise<LinkRow> {
  const now = new Date().toISOString();
  const { row, superseded } = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(links)
      .values({
        id: newLinkId(),
        code: newLinkCode(),
        kind: input.kind,
        accountId: input.accountId,
        originOwnerId: safeText(input.originOwnerId),
        originOwnerName: safeText(input.originOwnerName),
        provider: safeTextOrNull(input.provider),
        label: safeTextOrNull(input.label),
        authLinkUrl: input.authLinkUrl,
        state: 'sent',
        createdById: input.createdById,
        createdByEmail: input.createdByEmail,
        createdAt: now,
        expiresAt: input.expiresAt,
        jobId: input.jobId ?? null,
      })
      .returning();
    const superseded = input.accountId
      ? await tx
          .update(links)
          .set({ state: 'superseded', endedAt: now, supersededBy: row!.id })
          .where(
            and(
              eq(links.accountId, input.accountId),
              inArray(links.state, [...LIVE_LINK_STATES]),
              ne(links.id, row!.id),
            ),
          )
          .returning({ id: links.id, accountId: links.accountId, state: links.state })
      : [];
    await tx.insert(linkEvents).values([
      { linkId: row!.id, state: 'sent', at: now, actorEmail: input.createdByEmail },
      ...superseded.map((s) => ({
        linkId: s.id,
        state: 'superseded',
        at: now,
        actorEmail: input.createdByEmail,
      })),
    ]);
    return { row: row!, superseded };
  });
  if (!options.quiet) await publishLinkChanges(deps, [...superseded, row]);
  return row;
}
