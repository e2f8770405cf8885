import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { alertAnnouncements, alertDeliveries, alertDestinations } from '../db/schema.ts';

export interface ClaimedAlertDelivery {
  id: number;
  attempts: number;
  type: string;
  url: string | null;
  addresses: string[] | null;
  secret: string | null;
  message: Record<string, unknown>;
}

/**
 * Which process sends a due delivery: as the webhook queue does (server/webhooks/webhook-claims.ts),
 * candidates are locked with `FOR UPDATE SKIP LOCKED` and marked with this process's id and a lease,
 * so processes claiming together split them and each alert leaves once. A process that dies while
 * sending leaves its claim to lapse; another then sends it again (at least once).
 */
export function createAlertClaims(db: Db, instanceId: string, leaseMs: number) {
  const leaseLapsed = sql`${alertDeliveries.claimedAt} < now() - make_interval(secs => ${leaseMs / 1000})`;
  return {
    async claim(limit: number): Promise<ClaimedAlertDelivery[]> {
      const candidates = db
        .select({ id: alertDeliveries.id })
        .from(alertDeliveries)
        .where(
          and(
            eq(alertDeliveries.status, 'pending'),
            lte(alertDeliveries.nextAttemptAt, sql`now()`),
            or(isNull(alertDeliveries.claimedBy), leaseLapsed),
          ),
        )
        .orderBy(asc(alertDeliveries.id))
        .limit(limit)
        .for('update', { skipLocked: true });
      const claimed = await db
        .update(alertDeliveries)
        .set({ claimedBy: instanceId, claimedAt: sql`now()` })
        .where(and(inArray(alertDeliveries.id, candidates), eq(alertDeliveries.status, 'pending')))
        .returning({ id: alertDeliveries.id });
      if (claimed.length === 0) return [];
      return db
        .select({
          id: alertDeliveries.id,
          attempts: alertDeliveries.attempts,
          type: alertDestinations.type,
          url: alertDestinations.url,
          addresses: alertDestinations.addresses,
          secret: alertDestinations.secret,
          message: alertAnnouncements.message,
        })
        .from(alertDeliveries)
        .innerJoin(alertDestinations, eq(alertDestinations.id, alertDeliveries.destinationId))
        .innerJoin(alertAnnouncements, eq(alertAnnouncements.id, alertDeliveries.announcementId))
        .where(
          inArray(
            alertDeliveries.id,
            claimed.map((c) => c.id),
          ),
        )
        .orderBy(asc(alertDeliveries.id));
    },
    async delivered(id: number, responseStatus: number | null): Promise<void> {
      await db
        .update(alertDeliveries)
        .set({
          status: 'delivered',
          attempts: sql`${alertDeliveries.attempts} + 1`,
          responseStatus,
          error: null,
          finishedAt: sql`now()`,
          claimedBy: null,
          claimedAt: null,
        })
        .where(eq(alertDeliveries.id, id));
    },
    /** `retryInMs` null: given up. */
    async failed(id: number, error: string, responseStatus: number | null, retryInMs: number | null) {
      await db
        .update(alertDeliveries)
        .set({
          status: retryInMs === null ? 'failed' : 'pending',
          attempts: sql`${alertDeliveries.attempts} + 1`,
          responseStatus,
          error: error.slice(0, 1000),
          nextAttemptAt:
            retryInMs === null
              ? sql`${alertDeliveries.nextAttemptAt}`
              : sql`now() + make_interval(secs => ${retryInMs / 1000})`,
          finishedAt: retryInMs === null ? sql`now()` : null,
          claimedBy: null,
          claimedAt: null,
        })
        .where(eq(alertDeliveries.id, id));
    },
  };
}
