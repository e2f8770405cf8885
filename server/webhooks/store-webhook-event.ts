import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { safeTextOrNull } from '../http/pg-safe-text.ts';
import { webhookEvents } from '../db/schema.ts';
import { createBatcher } from './batcher.ts';
import type { WebhookPayload } from './webhook-payload.ts';

export type WebhookOutcome = 'pending' | 'applied' | 'ignored' | 'failed';

/** Rows per statement: 7 parameters a row stays far below Postgres's 65,535. */
const MAX_BATCH = 500;

/**
 * SHA-256 of the raw body, stored to show redeliveries when inspecting the log. It no longer
 * de-duplicates: StackOne documents no event id, and a bare body (`event` and `account_id` only)
 * is byte-identical for two genuine updates of one account (`break → repair`), so de-duplicating on
 * it dropped real events. Applying re-reads the account, so applying a redelivery is harmless.
 */
export function webhookBodyHash(rawBody: Uint8Array): string {
  return createHash('sha256').update(rawBody).digest('hex');
}

interface NewEvent {
  bodyHash: string;
  payload: WebhookPayload;
  outcome: WebhookOutcome;
  error: string | null;
}

/** A row's new state: final (`processed_at` set, claim released), or still pending with its retry time. */
export interface RowUpdate {
  id: number;
  outcome: WebhookOutcome;
  error: string | null;
  attempts: number;
  nextAttemptAt: Date | null;
}

/** The webhook_events writes of one console process, each batched with the concurrent ones. */
export function createWebhookEventStore(db: Db, instanceId: string) {
  const insert = createBatcher(async (events: NewEvent[]): Promise<number[]> => {
    const rows = await db
      .insert(webhookEvents)
      .values(
        events.map((e) => {
          const pending = e.outcome === 'pending';
          return {
            bodyHash: e.bodyHash,
            event: e.payload.event,
            accountId: e.payload.account_id ?? null,
            payload: e.payload,
            outcome: e.outcome,
            error: e.error,
            processedAt: pending ? null : sql`now()`,
            // A pending row is this process's to apply, from the moment it is stored.
            claimedBy: pending ? instanceId : null,
            claimedAt: pending ? sql`now()` : null,
          };
        }),
      )
      .returning({ id: webhookEvents.id });
    // RETURNING of a multi-row VALUES insert yields the rows in the order they were given.
    if (rows.length !== events.length)
      throw new Error('webhook_events insert returned a row count that differs');
    return rows.map((r) => r.id);
  }, MAX_BATCH);

  const update = createBatcher(async (updates: RowUpdate[]): Promise<void[]> => {
    const values = sql.join(
      updates.map(
        (u) =>
          sql`(${u.id}::bigint, ${u.outcome}::text, ${u.error}::text, ${u.attempts}::int, ${u.nextAttemptAt?.toISOString() ?? null}::timestamptz)`,
      ),
      sql`, `,
    );
    await db.execute(sql`
      update ${webhookEvents} w
      set outcome = v.outcome, error = v.error, attempts = v.attempts, next_attempt_at = v.next_attempt_at,
        processed_at = case when v.outcome = 'pending' then null else now() end,
        claimed_by = case when v.outcome = 'pending' then w.claimed_by end,
        claimed_at = case when v.outcome = 'pending' then w.claimed_at end
      from (values ${values}) as v(id, outcome, error, attempts, next_attempt_at)
      where w.id = v.id and w.outcome = 'pending'`);
    return updates.map(() => undefined);
  }, MAX_BATCH);

  return {
    /**
     * Stores a verified delivery, every one (a redelivery too); resolves once the row is written,
     * with its id. `outcome` is `pending` for a delivery still to apply, or already final.
     */
    store: (
      rawBody: Uint8Array,
      payload: WebhookPayload,
      outcome: WebhookOutcome,
      error: string | null = null,
    ) => insert({ bodyHash: webhookBodyHash(rawBody), payload, outcome, error: safeTextOrNull(error) }),
    /** `error` may quote StackOne's answer: it is made safe for Postgres text. A final row is left alone. */
    update: (u: RowUpdate) => update({ ...u, error: safeTextOrNull(u.error) }),
  };
}

export type WebhookEventStore = ReturnType<typeof createWebhookEventStore>;
