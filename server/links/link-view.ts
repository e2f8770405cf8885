import type { Link } from '../../shared/schemas/links.ts';
import type { links } from '../db/schema.ts';
import { shortLinkUrl } from './link-code.ts';

export type LinkRow = typeof links.$inferSelect;

/** A ledger row as the API answers it: the short link, never StackOne's URL. */
export function linkView(row: LinkRow, publicUrl: string): Link {
  return {
    id: row.id,
    kind: row.kind as Link['kind'],
    url: shortLinkUrl(publicUrl, row.code),
    accountId: row.accountId,
    originOwnerId: row.originOwnerId,
    originOwnerName: row.originOwnerName,
    provider: row.provider,
    label: row.label,
    state: row.state as Link['state'],
    createdBy: row.createdByEmail,
    createdById: row.createdById,
    createdAt: new Date(row.createdAt).toISOString(),
    expiresAt: new Date(row.expiresAt).toISOString(),
    openedAt: iso(row.openedAt),
    lastOpenedAt: iso(row.lastOpenedAt),
    openCount: row.openCount,
    completedAt: iso(row.completedAt),
    endedAt: iso(row.endedAt),
    jobId: row.jobId,
  };
}

const iso = (v: string | null) => (v === null ? null : new Date(v).toISOString());
