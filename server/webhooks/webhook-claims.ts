import { and, asc, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { webhookEvents } from '../db/schema.ts';

/** A pending row as taken over by this process. */
export interface ClaimedRow {
  id: number;
  event: string;
  accountId: string | null;
  attempts: number;
  nextAttemptAt: string | null;
}

const CLAIM_BATCH = 500;

/**
 * Who applies a pending webhook row. The process that stores a row claims it at once; it renews the
 * lease of its rows while it holds them. Rows with no claim, or whose lease lapsed (their process
 * died), are taken over by another process (or the same one restarted), one process each: the
 * candidates are locked with `FOR UPDATE SKIP LOCKED`, so two processes claiming together split them
 * instead of both taking the same rows.
 */
export function createWebhookClaims(db: Db, instanceId: string, leaseMs: number) {
  const leaseLapsed = sql`${webhookEvents.claimedAt} < now() - make_interval(secs => ${leaseMs / 1000})`;
  const halfLapsed = sql`${webhookEvents.claimedAt} < now() - make_interval(secs => ${leaseMs / 2000})`;

  return {
    /**
     * Takes over up to CLAIM_BATCH pending rows, oldest first. `everything`: every pending row not ours,
     * claimed or not (PGlite at start: DATA_DIR is locked, so no other process can be applying them).
     */
    async claim(everything: boolean): Promise<ClaimedRow[]> {
      const candidates = db
        .select({ id: webhookEvents.id })
        .from(webhookEvents)
        .where(
          and(
            eq(webhookEvents.outcome, 'pending'),
            // Our own rows are in our queue already (a lapsed lease of ours is a missed renewal).
            or(isNull(webhookEvents.claimedBy), ne(webhookEvents.claimedBy, instanceId)),
            everything ? undefined : or(isNull(webhookEvents.claimedBy), leaseLapsed),
          ),
        )
        .orderBy(asc(webhookEvents.id))
        .limit(CLAIM_BATCH)
        .for('update', { skipLocked: true });
      return db
        .update(webhookEvents)
        .set({ claimedBy: instanceId, claimedAt: sql`now()` })
        .where(and(inArray(webhookEvents.id, candidates), eq(webhookEvents.outcome, 'pending')))
        .returning({
          id: webhookEvents.id,
          event: webhookEvents.event,
          accountId: webhookEvents.accountId,
          attempts: webhookEvents.attempts,
          nextAttemptAt: webhookEvents.nextAttemptAt,
        });
    },
    /**
     * Renews the lease of the pending rows this process holds once half of it has passed. Called every
     * third of a lease, so a lease is renewed before it lapses, yet a row is rewritten once per half
     * lease at most instead of at every call (a long retry storm would bloat the table on Postgres).
     */
    async renew(): Promise<void> {
      await db
        .update(webhookEvents)
        .set({ claimedAt: sql`now()` })
        .where(
          and(eq(webhookEvents.outcome, 'pending'), eq(webhookEvents.claimedBy, instanceId), halfLapsed),
        );
    },
    batchSize: CLAIM_BATCH,
  };
}

export type WebhookClaims = ReturnType<typeof createWebhookClaims>;
