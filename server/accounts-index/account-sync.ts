import type { SyncStatus } from '../../shared/schemas/account-filters.ts';
import type { ConsoleEvent } from '../../shared/schemas/events.ts';
import type { Database } from '../db/client.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { StackOneClient } from '../stackone/stackone-client.ts';
import { confirmVanished, markVanished, vanishedIds } from './mark-vanished.ts';
import { pageThroughAccounts } from './page-through-accounts.ts';
import { syncFailureMessage } from './sync-failure.ts';
import { createSyncLeader } from './sync-leader.ts';
import { latestRuns, recordRunFinished, recordRunProgress, recordRunStarted } from './sync-runs.ts';
import { upsertAccounts } from './upsert-accounts.ts';
import { vacuumIndex } from './vacuum-index.ts';

export interface AccountSyncDeps {
  database: Database;
  stackOne: StackOneClient;
  bus: EventBus;
  intervalSeconds: number;
}

export interface AccountSync {
  /**
   * Pages through StackOne `GET /accounts`, upserts, marks vanished accounts deleted. Concurrent calls
   * share the run in flight. Resolves with the final status, `failed` included; it does not reject.
   */
  runFull(): Promise<SyncStatus>;
  /** This process's run, or the newest run in the database as of the last syncedAt() if newer. */
  status(): SyncStatus;
  /**
   * Time the last successful full sync finished, from the database (shared by every process). It also
   * refreshes what status() knows of runs in other processes.
   */
  syncedAt(): Promise<string | null>;
  /** Runs a sync now and then every intervalSeconds (0: only now); on Postgres only in the leader. */
  start(): void;
  stop(): Promise<void>;
}

/**
 * Above this many accounts marked deleted in one run, no `account.changed` is published for each:
 * the final `sync.progress` (idle) tells every browser to reload the list instead.
 */
export const ANNOUNCE_DELETED_LIMIT = 100;

const now = () => new Date().toISOString();

export function createAccountSync(deps: AccountSyncDeps): AccountSync {
  const { database, stackOne, bus, intervalSeconds } = deps;
  const db = database.db;
  const leader = createSyncLeader(database);

  let status: SyncStatus = {
    state: 'idle',
    seen: 0,
    pages: 0,
    startedAt: null,
    finishedAt: null,
    error: null,
  };
  /** The newest run in the database, as last read: another process's, when this one does not sync. */
  let observed: SyncStatus | null = null;
  let inFlight: Promise<SyncStatus> | null = null;
  let stopped = true;
  let timer: NodeJS.Timeout | null = null;
  let ticking: Promise<void> | null = null;

  // Events are a courtesy to open browsers: a bus failure must not fail the sync.
  const publish = (event: ConsoleEvent) =>
    bus.publish(event).catch((err: unknown) => console.error('[sync] could not publish an event', err));
  const publishProgress = () => publish({ type: 'sync.progress', ...status, at: now() });

  async function run(): Promise<SyncStatus> {
    const startedAt = now();
    let runId: number | null = null;
    try {
      const total = status.total ?? (await latestRuns(db)).status?.total;
      status = { state: 'running', seen: 0, pages: 0, total, startedAt, finishedAt: null, error: null };
      runId = await recordRunStarted(db, startedAt);
      await publishProgress();

      const id = runId;
      const listing = await pageThroughAccounts({ db, stackOne }, startedAt, async (progress) => {
        status = { ...status, ...progress };
        await recordRunProgress(db, id, progress);
        await publishProgress();
      });

      let marked: string[] = [];
      if (listing.complete) {
        const { gone, found } = await confirmVanished(stackOne, await vanishedIds(db, listing.seenIds));
        if (found.length) await upsertAccounts(db, found, { syncedAt: startedAt });
        marked = await markVanished(db, gone, startedAt, now());
      } else {
        console.warn(
          `[sync] StackOne repeated page ${listing.pages + 1} of GET /accounts; kept what was seen, marked nothing deleted`,
        );
      }

      const finishedAt = now();
      const { seen, pages } = status;
      await recordRunFinished(db, id, {
        state: 'succeeded',
        finishedAt,
        seen,
        pages,
        markedDeleted: marked.length,
        error: null,
      });
      status = { state: 'idle', seen, pages, total: seen, startedAt, finishedAt, error: null };
      await vacuumIndex(database).catch((err: unknown) =>
        console.error('[sync] could not vacuum the account index', err),
      );
      if (marked.length <= ANNOUNCE_DELETED_LIMIT) {
        for (const accountId of marked)
          await publish({
            type: 'account.changed',
            accountId,
            change: 'deleted',
            status: null,
            at: finishedAt,
          });
      }
    } catch (err) {
      const error = syncFailureMessage(err);
      const finishedAt = now();
      status = { ...status, state: 'failed', finishedAt, error };
      if (runId !== null) {
        await recordRunFinished(db, runId, {
          state: 'failed',
          finishedAt,
          seen: status.seen,
          pages: status.pages,
          markedDeleted: 0,
          error,
        }).catch((e: unknown) => console.error('[sync] could not record the failed run', e));
      }
    }
    await publishProgress();
    return { ...status };
  }

  function runFull(): Promise<SyncStatus> {
    inFlight ??= run().finally(() => {
      inFlight = null;
    });
    return inFlight;
  }

  async function tick(): Promise<void> {
    timer = null;
    try {
      if (await leader.tryLead()) {
        const result = await runFull();
        if (result.state === 'failed') console.error(`[sync] full sync failed: ${result.error}`);
      }
    } catch (err) {
      console.error('[sync] full sync failed', err);
    }
    if (!stopped && intervalSeconds > 0) {
      timer = setTimeout(() => {
        ticking = tick();
      }, intervalSeconds * 1000);
      timer.unref();
    }
  }

  return {
    runFull,
    status: () => {
      const own = inFlight !== null || status.startedAt !== null;
      const newer = observed?.startedAt && (!status.startedAt || observed.startedAt > status.startedAt);
      return { ...(own && !newer ? status : (observed ?? status)) };
    },
    async syncedAt() {
      const latest = await latestRuns(db);
      observed = latest.status;
      return latest.succeededAt;
    },
    start() {
      if (!stopped) return;
      stopped = false;
      ticking = tick();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await ticking;
      await inFlight;
      await leader.release();
    },
  };
}
