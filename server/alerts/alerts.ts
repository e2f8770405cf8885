import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { AlertDelivery, AlertMessage } from '../../shared/schemas/alerts.ts';
import type { Config } from '../config/config.ts';
import type { Database } from '../db/client.ts';
import { alertAnnouncements, alertDeliveries } from '../db/schema.ts';
import { retryDelayMs, type RetryPolicy } from '../webhooks/retry-policy.ts';
import { createAlertClaims } from './alert-claims.ts';
import { getAlertDestination, listAlertDeliveries } from './alert-destinations.ts';
import { renderTestMessage } from './alert-message.ts';
import { evaluateAlertRules } from './alert-rules.ts';
import { AlertSendError, createAlertSender } from './send-alert.ts';

export interface AlertOptions {
  retry: RetryPolicy;
  /** How long a process's claim on a delivery lasts (a process that died while sending). */
  leaseMs: number;
  /** How often the rules are evaluated and due deliveries (retries, other processes' leftovers) sent. */
  tickMs: number;
  sendTimeoutMs: number;
  /** The rules' clock (tests move it past the grace period instead of waiting it out). */
  now: () => number;
}

/** 5 s, 10 s, 20 s … 10 min, twelve attempts: about an hour before a delivery is given up. */
export const DEFAULT_ALERT_OPTIONS: AlertOptions = {
  retry: { baseDelayMs: 5_000, maxDelayMs: 600_000, maxAttempts: 12 },
  leaseMs: 60_000,
  tickMs: 1_000,
  sendTimeoutMs: 10_000,
  now: () => Date.now(),
};

/** Advisory lock key of the rules (any fixed int8 other than the sync's and the migrations'). */
export const ALERT_RULES_LOCK_KEY = 7_340_917_203;
const SEND_BATCH = 20;

/**
 * The alerts of one console process: a tick evaluates the rules (one process at a time on
 * Postgres, under a transaction-scoped advisory lock) and sends the due deliveries it can claim.
 * Everything pending is in the database, so a restart or another process carries on.
 */
export function createAlerts(
  deps: { database: Database; config: Readonly<Config> },
  options: AlertOptions = DEFAULT_ALERT_OPTIONS,
) {
  const { db } = deps.database;
  const instanceId = randomUUID();
  const claims = createAlertClaims(db, instanceId, options.leaseMs);
  const sender = createAlertSender({
    smtpUrl: deps.config.alerts.smtpUrl,
    smtpFrom: deps.config.alerts.smtpFrom,
    timeoutMs: options.sendTimeoutMs,
  });
  const settings = {
    graceSeconds: deps.config.alerts.graceSeconds,
    groupThreshold: deps.config.alerts.groupThreshold,
    publicUrl: deps.config.publicUrl,
  };
  let timer: NodeJS.Timeout | null = null;
  /** A scan at the moment the earliest pending message is due (between regular ticks). */
  let dueTimer: NodeJS.Timeout | null = null;
  let closed = false;

  const scan = () =>
    db.transaction(async (tx) => {
      if (deps.database.kind === 'postgres')
        await tx.execute(sql`select pg_advisory_xact_lock(${ALERT_RULES_LOCK_KEY})`);
      return evaluateAlertRules(tx, settings, options.now());
    });

  const sendOne = async (row: Awaited<ReturnType<typeof claims.claim>>[number]) => {
    try {
      const status = await sender.send(row, row.message as AlertMessage);
      await claims.delivered(row.id, status);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const status = err instanceof AlertSendError ? err.status : null;
      const attempts = row.attempts + 1;
      const retryIn = attempts >= options.retry.maxAttempts ? null : retryDelayMs(options.retry, attempts);
      await claims.failed(row.id, message, status, retryIn);
    }
  };

  /** Sends what is due until nothing is; one drain at a time, a call meanwhile runs one more after. */
  let draining: Promise<void> | null = null;
  let again = false;
  const drain = (): Promise<void> => {
    if (draining) {
      again = true;
      return draining;
    }
    draining = (async () => {
      try {
        do {
          again = false;
          for (;;) {
            if (closed) return;
            const rows = await claims.claim(SEND_BATCH);
            if (rows.length === 0) break;
            await Promise.all(rows.map(sendOne));
          }
        } while (again);
      } finally {
        draining = null;
      }
    })();
    return draining;
  };

  const scheduleDue = (dueAt: number | null) => {
    if (dueTimer) clearTimeout(dueTimer);
    dueTimer = null;
    if (dueAt === null || closed) return;
    dueTimer = setTimeout(
      () => {
        dueTimer = null;
        tick().catch((err: unknown) => console.warn('[alerts] tick failed:', err));
      },
      Math.max(0, dueAt - options.now()) + 1,
    );
    dueTimer.unref();
  };

  let ticking: Promise<void> | null = null;
  let nextTick: Promise<void> | null = null;
  /**
   * Evaluates the rules, then sends what is due. Called while a tick runs, it runs one more after it
   * (what changed since that one started is seen).
   */
  const tick = (): Promise<void> => {
    if (ticking) {
      return (nextTick ??= ticking
        .catch(() => {})
        .then(() => {
          nextTick = null;
          return tick();
        }));
    }
    ticking = (async () => {
      try {
        if (!closed) scheduleDue((await scan()).nextDueAt);
        await drain();
      } finally {
        ticking = null;
      }
    })();
    return ticking;
  };

  return {
    instanceId,
    tick,
    start(): void {
      timer = setInterval(() => {
        tick().catch((err: unknown) => console.warn('[alerts] tick failed:', err));
      }, options.tickMs);
      timer.unref();
    },
    /** Queues a test message to one destination and starts sending it; answers the queued delivery. */
    async sendTest(destinationId: string): Promise<AlertDelivery> {
      const destination = await getAlertDestination(db, destinationId);
      const id = randomUUID();
      const message = renderTestMessage({
        id,
        destinationName: destination.name,
        publicUrl: deps.config.publicUrl,
      });
      await db.transaction(async (tx) => {
        await tx.insert(alertAnnouncements).values({ id, kind: 'test', message });
        await tx.insert(alertDeliveries).values({ destinationId, announcementId: id });
      });
      drain().catch((err: unknown) => console.warn('[alerts] sending failed:', err));
      const deliveries = await listAlertDeliveries(db, destinationId);
      return deliveries.find((d) => d.announcementId === id)!;
    },
    async close(): Promise<void> {
      closed = true;
      if (timer) clearInterval(timer);
      if (dueTimer) clearTimeout(dueTimer);
      await ticking?.catch(() => {});
      await draining?.catch(() => {});
      sender.close();
    },
  };
}

export type Alerts = ReturnType<typeof createAlerts>;
