import { describe, expect, it, vi } from 'vitest';
import {
  createAccountRefreshQueue,
  type QueuedDelivery,
  type RefreshHandlers,
} from '../../../../server/webhooks/account-refresh-queue.ts';
import type { RetryPolicy } from '../../../../server/webhooks/retry-policy.ts';

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

class Transient extends Error {}

/** Handlers that record what happens; `reads` answer in order (a value, or a Transient to throw). */
function recorder(
  options: { gate?: Promise<void>; failures?: number; permanent?: boolean; recordFailures?: number } = {},
) {
  const reads: number[][] = [];
  const applied: number[][] = [];
  const failed: { ids: number[]; attempts: number[]; retry: boolean }[] = [];
  let failuresLeft = options.failures ?? 0;
  let recordFailuresLeft = options.recordFailures ?? 0;
  const refusedRecords: number[][] = [];
  const changed = { next: deferred() };
  const notify = () => {
    const current = changed.next;
    changed.next = deferred();
    current.resolve();
  };
  const handlers: RefreshHandlers<string> = {
    read: async (_accountId, deliveries) => {
      reads.push(deliveries.map((d) => d.id));
      if (reads.length === 1) await options.gate;
      if (failuresLeft > 0) {
        failuresLeft--;
        throw options.permanent ? new Error('refused') : new Transient('503');
      }
      return 'account';
    },
    apply: async (_accountId, deliveries) => {
      applied.push(deliveries.map((d) => d.id));
      notify();
    },
    isRetryable: (err) => err instanceof Transient,
    failed: async (deliveries, _err, retryAt) => {
      if (recordFailuresLeft > 0) {
        recordFailuresLeft--;
        refusedRecords.push(deliveries.map((d) => d.id));
        throw new Error('the database is down');
      }
      failed.push({
        ids: deliveries.map((d) => d.id),
        attempts: deliveries.map((d) => d.attempts),
        retry: retryAt !== null,
      });
      notify();
    },
  };
  /** Resolves once `probe` holds, checked after every apply or failure. */
  const until = async (probe: () => boolean) => {
    while (!probe()) await changed.next.promise;
  };
  return { handlers, reads, applied, failed, refusedRecords, until };
}

const fast: RetryPolicy = { baseDelayMs: 1, maxDelayMs: 4, maxAttempts: 3 };
const delivery = (id: number, accountId = 'a', event = 'account.updated'): QueuedDelivery => ({
  id,
  accountId,
  event,
  attempts: 0,
});

describe('createAccountRefreshQueue', () => {
  it('lets deliveries that arrive while the read is still queued join it', async () => {
    const r = recorder();
    const queue = createAccountRefreshQueue(r.handlers, { policy: fast, concurrency: 1 });
    queue.add(delivery(1));
    queue.add(delivery(2));
    queue.add(delivery(3, 'b'));
    await r.until(() => r.applied.length === 2);
    expect(r.reads).toEqual([[1, 2], [3]]);
    await queue.close();
  });

  it('reads once more for a delivery that arrives after the read started (break → repair)', async () => {
    const gate = deferred();
    const r = recorder({ gate: gate.promise });
    const queue = createAccountRefreshQueue(r.handlers, { policy: fast, concurrency: 8 });
    queue.add(delivery(1));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(r.reads).toEqual([[1]]);
    // The read of 1 may predate the change 2 announces: 2 must get a read of its own, after it.
    queue.add(delivery(2));
    queue.add(delivery(3));
    gate.resolve();
    await r.until(() => r.applied.length === 2);
    expect(r.reads).toEqual([[1], [2, 3]]);
    expect(r.applied).toEqual([[1], [2, 3]]);
    await queue.close();
  });

  it('retries a failed read with its deliveries and applies them once it succeeds', async () => {
    const r = recorder({ failures: 2 });
    const queue = createAccountRefreshQueue(r.handlers, { policy: fast, concurrency: 8 });
    queue.add(delivery(1));
    await r.until(() => r.applied.length === 1);
    expect(r.failed).toEqual([
      { ids: [1], attempts: [1], retry: true },
      { ids: [1], attempts: [2], retry: true },
    ]);
    expect(r.applied).toEqual([[1]]);
    await queue.close();
  });

  it('gives a delivery up after maxAttempts, and at once on a failure retrying cannot mend', async () => {
    const r = recorder({ failures: 10 });
    const queue = createAccountRefreshQueue(r.handlers, { policy: fast, concurrency: 8 });
    queue.add(delivery(1));
    await r.until(() => r.failed.some((f) => !f.retry));
    expect(r.failed.map((f) => f.retry)).toEqual([true, true, false]);
    expect(r.failed.at(-1)).toEqual({ ids: [1], attempts: [3], retry: false });
    await queue.close();

    const permanent = recorder({ failures: 1, permanent: true });
    const other = createAccountRefreshQueue(permanent.handlers, { policy: fast, concurrency: 8 });
    other.add(delivery(2));
    await permanent.until(() => permanent.failed.length === 1);
    expect(permanent.failed).toEqual([{ ids: [2], attempts: [1], retry: false }]);
    await other.close();
  });

  it('cuts a retry wait short when a new event for the account arrives', async () => {
    const r = recorder({ failures: 1 });
    const slow: RetryPolicy = { baseDelayMs: 3_600_000, maxDelayMs: 3_600_000, maxAttempts: 5 };
    const queue = createAccountRefreshQueue(r.handlers, { policy: slow, concurrency: 8 });
    queue.add(delivery(1));
    await r.until(() => r.failed.length === 1);
    // Without the new event the retry would wait an hour.
    queue.add(delivery(2));
    await r.until(() => r.applied.length === 1);
    expect(r.applied).toEqual([[1, 2]]);
    await queue.close();
  });

  it('waits for the retry time of a recovered delivery', async () => {
    const r = recorder();
    const queue = createAccountRefreshQueue(r.handlers, { policy: fast, concurrency: 8 });
    queue.add({ ...delivery(1), attempts: 2 }, { notBefore: new Date(Date.now() + 3_600_000) });
    queue.add({ ...delivery(2, 'b'), attempts: 1 }, { notBefore: null });
    await r.until(() => r.applied.length === 1);
    expect(r.applied).toEqual([[2]]);
    expect(queue.size()).toBe(1);
    await queue.close();
  });

  it('tries a given-up delivery again when recording that it failed fails, until it is recorded', async () => {
    const r = recorder({ failures: 2, permanent: true, recordFailures: 1 });
    const queue = createAccountRefreshQueue(r.handlers, { policy: fast, concurrency: 8 });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      queue.add(delivery(1));
      await r.until(() => r.failed.length === 1);
      // The first give-up was not recorded (the row stayed pending): the delivery was read again.
      expect(r.refusedRecords).toEqual([[1]]);
      expect(r.reads).toEqual([[1], [1]]);
      expect(r.failed).toEqual([{ ids: [1], attempts: [2], retry: false }]);
      expect(queue.size()).toBe(0);
    } finally {
      logged.mockRestore();
      await queue.close();
    }
  });

  it('reads again, and applies, a delivery whose failure was not recorded', async () => {
    const r = recorder({ failures: 1, permanent: true, recordFailures: 1 });
    const queue = createAccountRefreshQueue(r.handlers, { policy: fast, concurrency: 8 });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      queue.add(delivery(1));
      await r.until(() => r.applied.length === 1);
      expect(r.applied).toEqual([[1]]);
      expect(r.failed).toEqual([]);
    } finally {
      logged.mockRestore();
      await queue.close();
    }
  });

  it('does not start the reads still waiting for a slot when closed', async () => {
    const gate = deferred();
    const r = recorder({ gate: gate.promise });
    const queue = createAccountRefreshQueue(r.handlers, { policy: fast, concurrency: 1 });
    queue.add(delivery(1, 'a'));
    queue.add(delivery(2, 'b'));
    queue.add(delivery(3, 'c'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(r.reads).toEqual([[1]]);
    const closing = queue.close();
    gate.resolve();
    await closing;
    // The read in progress finished; b and c, queued behind it, were never read (pending for the next start).
    expect(r.reads).toEqual([[1]]);
    expect(r.applied).toEqual([[1]]);
  });
});
