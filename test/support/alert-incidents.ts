import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../server/db/client.ts';
import { incidents } from '../../server/db/schema.ts';

/** Seconds from now as an ISO instant (negative: in the past). */
export const secondsFromNow = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

/**
 * Writes an incident row as the account writer would (the alerts only read the table): open, of
 * kind `error`, opened `openedAt`.
 */
export async function insertIncident(
  db: Db,
  fields: {
    provider: string;
    openedAt: string;
    accountId?: string;
    customer?: string;
    reasonCode?: string;
    mutedUntil?: string | null;
  },
): Promise<{ id: string; accountId: string }> {
  const id = randomUUID();
  const accountId = fields.accountId ?? `acc_${id.slice(0, 8)}`;
  await db.insert(incidents).values({
    id,
    accountId,
    provider: fields.provider,
    originOwnerId: `cust_${accountId}`,
    originOwnerName: fields.customer ?? `Customer ${accountId}`,
    label: null,
    kind: 'error',
    state: 'open',
    reasonCode: fields.reasonCode ?? 'invalid_credentials',
    reasonDescription: fields.reasonCode ? null : 'The credentials were revoked',
    openedAt: fields.openedAt,
    lastSeenAt: fields.openedAt,
    mutedUntil: fields.mutedUntil ?? null,
  });
  return { id, accountId };
}

/** Resolves an incident as the account turning active again would. */
export async function resolveIncident(db: Db, id: string, resolvedAt: string): Promise<void> {
  await db
    .update(incidents)
    .set({ state: 'resolved', resolvedAt, resolution: 'active' })
    .where(eq(incidents.id, id));
}
