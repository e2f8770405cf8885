import { randomUUID } from 'node:crypto';
import type { AccountReads } from '../accounts/account-reads.ts';
import type { Database } from '../db/client.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { StackOneClient } from '../stackone/stackone-client.ts';
import { createAccountRefreshQueue } from './account-refresh-queue.ts';
import { changeOfEvent, createWebhookApplier, UPSTREAM_READ_CONCURRENCY } from './apply-webhook-event.ts';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.ts';
import { createWebhookEventStore, type WebhookOutcome } from './store-webhook-event.ts';
import { createWebhookClaims, type ClaimedRow } from './webhook-claims.ts';
import type { WebhookPayload } from './webhook-payload.ts';

export interface WebhookQueueOptions {
  retry: RetryPolicy;
  /** How long a process's claim on a pending row lasts unless renewed (Postgres: several processes). */
  leaseMs: number;
  /** Upstream re-reads in flight at once. */
  concurrency: number;
}

export const DEFAULT_WEBHOOK_QUEUE_OPTIONS: WebhookQueueOptions = {
  retry: DEFAULT_RETRY_POLICY,
  leaseMs: 30_000,
  concurrency: UPSTREAM_READ_CONCURRENCY,
};

/** What a stored delivery is at once: still to apply, or final (nothing to apply). */
function initialOutcome(payload: WebhookPayload): { outcome: WebhookOutcome; error: string | null } {
  if (!changeOfEvent(payload.event)) return { outcome: 'ignored', error: null };
  if (!payload.account_id) return { outcome: 'failed', error: `${payload.event} without an account_id` };
  return { outcome: 'pending', error: null };
}

/**
 * The webhook deliveries of one console process: stored, then applied asynchronously through the
 * per-account coalescing queue, retried with backoff, and recovered when left pending by a crash.
 */
export function createWebhookDeliveries(
  deps: { database: Database; stackOne: StackOneClient; bus: EventBus; accountReads: AccountReads },
  options: WebhookQueueOptions = DEFAULT_WEBHOOK_QUEUE_OPTIONS,
) {
  const { db } = deps.database;
  const instanceId = randomUUID();
  const store = createWebhookEventStore(db, instanceId);
  const claims = createWebhookClaims(db, instanceId, options.leaseMs);
  const queue = createAccountRefreshQueue(
    createWebhookApplier({
      db,
      stackOne: deps.stackOne,
      bus: deps.bus,
      accountReads: deps.accountReads,
      store,
    }),
    { policy: options.retry, concurrency: options.concurrency },
  );
  const timers: NodeJS.Timeout[] = [];

  const intake = async (row: ClaimedRow) => {
    const initial = initialOutcome({ event: row.event, account_id: row.accountId });
    if (initial.outcome !== 'pending') {
      await store.update({ id: row.id, ...initial, attempts: row.attempts, nextAttemptAt: null });
      return;
    }
    queue.add(
      { id: row.id, accountId: row.accountId!, event: row.event, attempts: row.attempts },
      { notBefore: row.nextAttemptAt ? new Date(row.nextAttemptAt) : null },
    );
  };

  /** Takes over the pending rows nobody holds (or, `everything`, all of them) and queues them. */
  const recover = async (everything: boolean): Promise<number> => {
    let total = 0;
    for (;;) {
      const rows = await claims.claim(everything);
      await Promise.all(rows.map(intake));
      total += rows.length;
      if (rows.length < claims.batchSize) return total;
    }
  };

  const every = (ms: number, what: string, task: () => Promise<unknown>) => {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      task()
        .catch((err: unknown) => console.warn(`[webhooks] ${what} failed:`, err))
        .finally(() => (running = false));
    }, ms);
    timer.unref();
    timers.push(timer);
  };

  return {
    instanceId,
    /**
     * Stores a verified delivery (every one, a redelivery too) and queues it; resolves once the row is
     * written, before it is applied, so the sender is answered as soon as the delivery is durable.
     */
    async accept(rawBody: Uint8Array, payload: WebhookPayload): Promise<void> {
      const initial = initialOutcome(payload);
      const id = await store.store(rawBody, payload, initial.outcome, initial.error);
      // The stored event is on the account's timeline.
      if (payload.account_id) await deps.accountReads.touch(payload.account_id);
      if (initial.outcome === 'pending') {
        queue.add({ id, accountId: payload.account_id!, event: payload.event, attempts: 0 });
      } else if (initial.outcome === 'failed') {
        console.warn(`[webhooks] event ${id} stored but not applied: ${initial.error}`);
      }
    },
    /**
     * Recovers what a previous run left pending, then keeps the claims: on PGlite the process owns the
     * database (DATA_DIR is locked), so every pending row is its own at start; on Postgres it takes
     * the unclaimed rows and those whose lease lapsed, at start and then periodically, and renews the
     * lease of its own.
     */
    async start(): Promise<void> {
      const postgres = deps.database.kind === 'postgres';
      const recovered = await recover(!postgres);
      if (recovered > 0) console.info(`[webhooks] ${recovered} pending deliveries taken over, to apply`);
      if (postgres) {
        every(options.leaseMs / 3, 'renewing webhook claims', () => claims.renew());
        every(options.leaseMs / 2, 'taking over webhook deliveries', () => recover(false));
      }
    },
    /** Deliveries held in memory, to apply. */
    queued: () => queue.size(),
    /** Takes over pending rows now (what the periodic sweep does on Postgres). */
    recover: () => recover(false),
    async close(): Promise<void> {
      for (const timer of timers) clearInterval(timer);
      await queue.close();
    },
  };
}

export type WebhookDeliveries = ReturnType<typeof createWebhookDeliveries>;
