import { createConcurrencyLimit } from './concurrency-limit.ts';
import { retryDelayMs, type RetryPolicy } from './retry-policy.ts';

/** One stored delivery waiting to be applied. */
export interface QueuedDelivery {
  id: number;
  accountId: string;
  event: string;
  /** Failed attempts so far. */
  attempts: number;
}

export interface RefreshHandlers<R> {
  /** The upstream read covering these deliveries of one account; runs in a slot of the concurrency limit. */
  read(accountId: string, deliveries: QueuedDelivery[]): Promise<R>;
  /** Writes what was read and records the deliveries applied. */
  apply(accountId: string, deliveries: QueuedDelivery[], read: R): Promise<void>;
  isRetryable(err: unknown): boolean;
  /** Records failed attempts: with `retryAt` they stay pending until then, without it they are given up. */
  failed(deliveries: QueuedDelivery[], err: unknown, retryAt: Date | null): Promise<void>;
}

interface Lane {
  /** Deliveries that no started read covers yet. */
  waiting: QueuedDelivery[];
  running: Promise<void> | null;
  /** When the next read should start (null: none planned). */
  nextAt: number | null;
  timer: NodeJS.Timeout | null;
  /** Consecutive failed reads, for the backoff; a new event sets it back to 0. */
  failures: number;
}

/**
 * Per-account coalescing of webhook deliveries. Every delivery asks for one re-read of its account
 * from StackOne (a read made after the event arrived is as new as the event, or newer). A delivery
 * that arrives while a read of its account is still queued (behind the concurrency limit or a retry
 * timer) joins it; one that arrives after the read started gets one more, since that read may predate
 * the change it announces. One account's reads never overlap, so an older read never overwrites a
 * newer one. A failed read puts its deliveries back with backoff (a new event for the account cuts
 * the wait short and restarts the backoff) until `maxAttempts`, when they are given up.
 */
export function createAccountRefreshQueue<R>(
  handlers: RefreshHandlers<R>,
  options: { policy: RetryPolicy; concurrency: number },
) {
  const { policy } = options;
  const limit = createConcurrencyLimit(options.concurrency);
  const lanes = new Map<string, Lane>();
  let closed = false;

  const arm = (accountId: string, lane: Lane) => {
    if (closed || lane.nextAt === null) return;
    if (lane.timer) clearTimeout(lane.timer);
    lane.timer = setTimeout(() => run(accountId, lane), Math.max(0, lane.nextAt - Date.now()));
    // A retry hours away must not keep a finished process alive; close() clears them anyway.
    lane.timer.unref();
  };

  const schedule = (accountId: string, lane: Lane, at: number) => {
    if (lane.nextAt !== null && lane.nextAt <= at) return;
    lane.nextAt = at;
    // A running read arms the timer when it ends.
    if (!lane.running) arm(accountId, lane);
  };

  const logged = (what: string) => (err: unknown) =>
    console.error(`[webhooks] recording ${what} failed (the rows stay pending):`, err);

  /** Records a failed attempt; resolves false when the database refused the record. */
  const record = (deliveries: QueuedDelivery[], err: unknown, retryAt: Date | null, what: string) =>
    handlers.failed(deliveries, err, retryAt).then(
      () => true,
      (recordErr: unknown) => {
        logged(what)(recordErr);
        return false;
      },
    );

  const attempt = async (accountId: string, lane: Lane) => {
    let taken: QueuedDelivery[] = [];
    try {
      const read = await limit(async () => {
        // Closed while this read waited for its slot: the rows stay pending for the next start.
        if (closed) return null;
        // Taken once the slot is granted: deliveries that arrived while this read waited join it.
        taken = lane.waiting.splice(0);
        return taken.length > 0 ? { value: await handlers.read(accountId, taken) } : null;
      });
      if (read) await handlers.apply(accountId, taken, read.value);
      lane.failures = 0;
    } catch (err) {
      const retryable = handlers.isRetryable(err);
      for (const d of taken) d.attempts++;
      const again = retryable ? taken.filter((d) => d.attempts < policy.maxAttempts) : [];
      const givenUp = taken.filter((d) => !again.includes(d));
      lane.failures++;
      const retryAt = Date.now() + retryDelayMs(policy, lane.failures);
      // Given up but not recorded so (the database failed): the row is still pending and ours, which
      // no sweep takes over, so it is tried again like a retry rather than dropped from memory.
      const unrecorded =
        givenUp.length > 0 && !(await record(givenUp, err, null, 'a failure')) ? givenUp : [];
      if (again.length > 0) await record(again, err, new Date(retryAt), 'a retry');
      const back = [...again, ...unrecorded];
      if (back.length > 0) {
        lane.waiting.unshift(...back);
        schedule(accountId, lane, retryAt);
      }
    }
  };

  const run = (accountId: string, lane: Lane) => {
    lane.timer = null;
    lane.nextAt = null;
    lane.running = attempt(accountId, lane).finally(() => {
      lane.running = null;
      if (lane.nextAt !== null) arm(accountId, lane);
      else if (lane.waiting.length === 0 && lanes.get(accountId) === lane) lanes.delete(accountId);
    });
  };

  return {
    /**
     * Queues a delivery. `notBefore`: a recovered delivery that failed before waits for its retry
     * time (and the lane's backoff goes on from its attempts); without it the delivery is a new event,
     * read as soon as a slot allows.
     */
    add(delivery: QueuedDelivery, recovered?: { notBefore: Date | null }): void {
      if (closed) return;
      let lane = lanes.get(delivery.accountId);
      if (!lane) {
        lane = { waiting: [], running: null, nextAt: null, timer: null, failures: 0 };
        lanes.set(delivery.accountId, lane);
      }
      lane.waiting.push(delivery);
      if (recovered) {
        lane.failures = Math.max(lane.failures, delivery.attempts);
        schedule(delivery.accountId, lane, recovered.notBefore?.getTime() ?? Date.now());
      } else {
        lane.failures = 0;
        schedule(delivery.accountId, lane, Date.now());
      }
    },
    /** Deliveries held in memory (waiting or being applied), for tests and diagnostics. */
    size(): number {
      let n = 0;
      for (const lane of lanes.values()) n += lane.waiting.length;
      return n;
    },
    /**
     * Stops the timers and waits for the reads in progress; a read still waiting for its slot is not
     * started. What is left stays pending in the database.
     */
    async close(): Promise<void> {
      closed = true;
      for (const lane of lanes.values()) if (lane.timer) clearTimeout(lane.timer);
      await Promise.all([...lanes.values()].map((lane) => lane.running));
      lanes.clear();
    },
  };
}

export type AccountRefreshQueue = ReturnType<typeof createAccountRefreshQueue>;
