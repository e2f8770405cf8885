import type { Database } from '../db/client.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { StackOneClient } from '../stackone/stackone-client.ts';
import { createBulkWorker, DEFAULT_BULK_WORKER_OPTIONS, type BulkWorkerOptions } from './bulk-worker.ts';
import type { LedgerDeps } from './ledger-deps.ts';
import { completeForAccount, settleLinks } from './settle-links.ts';

const SETTLE_EVERY_MS = 15_000;

export interface LinkServiceDeps {
  database: Database;
  bus: EventBus;
  stackOne: StackOneClient;
  publicUrl: string;
}

/**
 * The ledger's background work in each process: completes links from `account.changed` (every
 * process hears every change through the Postgres fan-out; the update is idempotent), settles what
 * events missed and expiries on a timer, and runs bulk jobs (resuming those a restart left).
 */
export interface LinkServiceOptions {
  /** Pace, concurrency and lease of bulk jobs. */
  worker?: Partial<BulkWorkerOptions>;
  /** How often links are settled and lapsed bulk jobs taken up. */
  settleEveryMs?: number;
}

export function createLinkService(deps: LinkServiceDeps, options: LinkServiceOptions = {}) {
  const ledger: LedgerDeps = { db: deps.database.db, bus: deps.bus, publicUrl: deps.publicUrl };
  const worker = createBulkWorker(
    { database: deps.database, stackOne: deps.stackOne, bus: deps.bus, publicUrl: deps.publicUrl },
    { ...DEFAULT_BULK_WORKER_OPTIONS, ...options.worker },
  );
  let timer: NodeJS.Timeout | null = null;
  let unsubscribe: (() => void) | null = null;
  let pending = Promise.resolve();
  const warn = (what: string) => (err: unknown) => console.warn(`[links] ${what} failed`, err);

  const tick = async () => {
    await settleLinks(ledger).catch(warn('settling links'));
    await worker.resume().catch(warn('resuming bulk jobs'));
  };

  return {
    ledger,
    worker,
    async start() {
      unsubscribe = deps.bus.subscribe(({ event }) => {
        if (event.type !== 'account.changed' || event.change === 'deleted' || event.status !== 'active')
          return;
        // One at a time, in event order.
        pending = pending.then(() =>
          completeForAccount(ledger, event.accountId).catch(warn('completing links')),
        );
      });
      await tick();
      timer = setInterval(() => void tick(), options.settleEveryMs ?? SETTLE_EVERY_MS);
      timer.unref();
    },
    async close() {
      if (timer) clearInterval(timer);
      unsubscribe?.();
      await worker.close();
      await pending;
    },
  };
}
export type LinkService = ReturnType<typeof createLinkService>;
