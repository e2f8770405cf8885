import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { safeTextOrNull } from '../http/pg-safe-text.ts';
import { webhookEvents } from '../db/schema.ts';
import { createBatcher } from './batcher.ts';
import type { WebhookPayload } from './webhook-payload.ts';

export type WebhookOutcome = 'applied' | 'ignored' | 'failed';

/** Rows per statement: 4 parameters a row stays far below Postgres's 65,535. */
const MAX_BATCH = 500;

/**
 * The identity a redelivery shares with the first delivery: the SHA-256 of the raw body.
 *
 * StackOne documents no event id (stackone-api.md §8). The sandbox builds and signs a body once and
 * resends the same bytes on every retry (`sent_at` is the first attempt's time), so the body hash
 * catches every retry. The alternative key (event, account_id, event_date) was rejected: `event_date`
 * is not a documented field, and where it is absent or coarse that key would merge distinct events
 * of one account and drop the later ones. If a real sender ever re-serialises a retry, the cost is one
 * extra timeline row: applying re-reads the account, so applying twice leaves the index the same.
 */
export function webhookBodyHash(rawBody: Uint8Array): string {
  return createHash('sha256').update(rawBody).digest('hex');
}

interface NewEvent {
  bodyHash: string;
  payload: WebhookPayload;
}

interface Outcome {
  id: number;
  outcome: WebhookOutcome;
  error: string | null;
}

/** The webhook_events writes of one receiver, each batched with the concurrent ones. */
export function createWebhookEventStore(db: Db) {
  const insert = createBatcher(async (events: NewEvent[]): Promise<(number | null)[]> => {
    const rows = await db
      .insert(webhookEvents)
      .values(
        events.map((e) => ({
          bodyHash: e.bodyHash,
          event: e.payload.event,
          accountId: e.payload.account_id ?? null,
          payload: e.payload,
        })),
      )
      .onConflictDoNothing({ target: webhookEvents.bodyHash })
      .returning({ id: webhookEvents.id, bodyHash: webhookEvents.bodyHash });
    const idByHash = new Map(rows.map((r) => [r.bodyHash, r.id]));
    // The same body twice in one batch: only the first gets the row, the other is a redelivery.
    return events.map((e) => {
      const id = idByHash.get(e.bodyHash) ?? null;
      idByHash.delete(e.bodyHash);
      return id;
    });
  }, MAX_BATCH);

  const record = createBatcher(async (outcomes: Outcome[]): Promise<void[]> => {
    const values = sql.join(
      outcomes.map((o) => sql`(${o.id}::bigint, ${o.outcome}::text, ${o.error}::text)`),
      sql`, `,
    );
    await db.execute(sql`
      update ${webhookEvents}
      set outcome = v.outcome, error = v.error, processed_at = now()
      from (values ${values}) as v(id, outcome, error)
      where ${webhookEvents.id} = v.id`);
    return outcomes.map(() => undefined);
  }, MAX_BATCH);

  return {
    /**
     * Stores a verified delivery unless its body was stored before. Resolves, once the row is
     * written, with its id, or `null` for a redelivery (which must not be applied again).
     */
    store: (rawBody: Uint8Array, payload: WebhookPayload) =>
      insert({ bodyHash: webhookBodyHash(rawBody), payload }),
    /** `error` may quote StackOne's answer: it is made safe for Postgres text. */
    recordOutcome: (id: number, outcome: WebhookOutcome, error: string | null) =>
      record({ id, outcome, error: safeTextOrNull(error) }),
  };
}
