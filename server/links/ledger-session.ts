import type { ConnectSessionResponse } from '../../shared/schemas/connect-session.ts';
import type { AppDeps } from '../app-deps.ts';
import { creatorEmail } from './link-creator.ts';
import { shortLinkUrl } from './link-code.ts';
import { recordLink, type NewLink } from './record-link.ts';

/** An auth-link session as the ledger has it: the answer gains the entry's id and short link. */
export async function withLedgerEntry(
  deps: AppDeps,
  userId: string,
  session: ConnectSessionResponse,
  link: Omit<NewLink, 'authLinkUrl' | 'expiresAt' | 'createdById' | 'createdByEmail'>,
): Promise<ConnectSessionResponse> {
  const row = await recordLink(
    { db: deps.database.db, bus: deps.bus, publicUrl: deps.config.publicUrl },
    {
      ...link,
      authLinkUrl: session.authLinkUrl,
      expiresAt: session.expiresAt,
      createdById: userId,
      createdByEmail: await creatorEmail(deps.database.db, userId),
    },
  );
  return { ...session, link: { id: row.id, url: shortLinkUrl(deps.config.publicUrl, row.code) } };
}
