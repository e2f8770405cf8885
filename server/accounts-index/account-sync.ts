import type { SyncStatus } from '../../shared/schemas/account-filters.ts';
import type { ConsoleEvent } from '../../shared/schemas/events.ts';
import type { Database } from '../db/client.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { StackOneClient } from '../stackone/stackone-client.ts';
import { recordStatusBaseline } from '../account-state/status-baseline.ts';
import { pageThroughAccounts, type PagingResult } from './page-through-accounts.ts';
import { createRateLimitWait } from './rate-limit-wait.ts';
import { settleMissing, type MissingOutcome } from './settle-missing.ts';
import { syncFailureMessage } from './sync-failure.ts';
import { createSyncLeader } from './sync-leader.ts';
import { latestRuns, recordRunFinished, recordRunProgress, recordRunStarted } from './sync-runs.ts';
import { vacuumIndex } from './vacuum-index.ts';

export interface AccountSyncDeps {
  database: Database;
  stackOne: StackOneClient;
  bus: EventBus;
  intervalSeconds: number;
  /** The longest `Retry-After` the sync waits out (STACKONE_RETRY_AFTER_MAX_SECONDS); longer fails the run. */
  retryAfterMaxSeconds?: number;
}

/** STACKONE_RETRY_AFTER_MAX_SECONDS's default. */
export const DEFAULT_RETRY_AFTER_MAX_SECONDS = 120;

export interface AccountSync {
  /**
   * Pages through StackOne `GET /accounts`, upserts, and marks deleted the accounts it did not list
   * that StackOne confirms gone (settle-missing.ts). Concurrent calls
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
  /**
   * Stops: no next run, and the run in progress ends (failed) at its next page or check, or at once
   * in a rate-limit wait of its own; a wait inside the client ends when the client is closed
   * (startConsole's close does both, then awaits this).
   */
  stop(): Promise<void>;
}

const now = () => new Date().toISOString();

export function createAccountSync(deps: AccountSyncDeps): AccountSync {
  const { database, stackOne, bus, intervalSeconds } = deps;
  const retryAfterMaxSeconds = deps.retryAfterMaxSeconds ?? DEFAULT_RETRY_AFTER_MAX_SECONDS;
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
  /** Aborts the run's rate-limit wait when the sync stops. */
  let runAbort: AbortController | null = null;

  // Events are a courtesy to open browsers: a bus failure must not fail the sync.
  const publish = (event: ConsoleEvent) =>
    bus.publish(event).catch((err: unknown) => console.error('[sync] could not publish an event', err));
  const publishProgress = () => publish({ type: 'sync.progress', ...status, at: now() });

  async function run(): Promise<SyncStatus> {
    const startedAt = now();
    let runId: number | null = null;
    const abort = new AbortController();
    runAbort = abort;
    try {
      const total = status.total ?? (await latestRuns(db)).status?.total;
      status = {
        state: 'running',
        seen: 0,
        pages: 0,
        total,
        startedAt,
        finishedAt: null,
        error: null,
        skipped: 0,
        rateLimitedUntil: null,
      };
      runId = await recordRunStarted(db, startedAt);
      await publishProgress();
      // Accounts indexed before the status history existed: their state now, without a transition.
      await recordStatusBaseline(db);

      const id = runId;
      const wait = createRateLimitWait({
        maxSeconds: retryAfterMaxSeconds,
        signal: abort.signal,
        onWait: async (until) => {
          if (status.state !== 'running' || status.startedAt !== startedAt) return; // the run is over
          if (until) console.warn(`[sync] rate limited by StackOne until ${until}; the sync waits`);
          status = { ...status, rateLimitedUntil: until };
          await recordRunProgress(db, id, { rateLimitedUntil: until });
          await publishProgress();
        },
      });
      // A client that waits out Retry-After itself announces it: the status shows it all the same.
      const unfollow = wait.follow(stackOne);
      let listing: PagingResult;
      let settled: MissingOutcome;
      try {
        listing = await pageThroughAccounts(
          { db, bus, stackOne, call: wait.call, signal: abort.signal },
          startedAt,
          async (progress) => {
            status = { ...status, ...progress };
            await recordRunProgress(db, id, progress);
            await publishProgress();
          },
        );
        settled = await settleMissing({ db, bus, stackOne, call: wait.call }, listing, {
          startedAt,
          aborted: () => abort.signal.aborted,
        });
      } finally {
        unfollow();
      }
      const marked = settled.marked;
      const checks = {
        skipped: listing.skipped,
        confirmedDeleted: marked.length,
        keptAfterCheck: settled.keptAfterCheck,
        unconfirmed: settled.unconfirmed,
        warning: settled.warning,
      };

      const finishedAt = now();
      const { seen, pages } = status;
      const { confirmedDeleted, ...counts } = checks;
      await recordRunFinished(db, id, {
        state: 'succeeded',
        finishedAt,
        seen,
        pages,
        markedDeleted: confirmedDeleted,
        ...counts,
        error: null,
      });
      status = {
        state: 'idle',
        seen,
        pages,
        total: seen,
        startedAt,
        finishedAt,
        error: null,
        ...checks,
        rateLimitedUntil: null,
      };
      await vacuumIndex(database).catch((err: unknown) =>
        console.error('[sync] could not vacuum the account index', err),
      );
    } catch (err) {
      const error = syncFailureMessage(err);
      const finishedAt = now();
      status = { ...status, state: 'failed', finishedAt, error, rateLimitedUntil: null };
      if (runId !== null) {
        await recordRunFinished(db, runId, {
          state: 'failed',
          finishedAt,
          seen: status.seen,
          pages: status.pages,
          markedDeleted: 0,
          skipped: status.skipped ?? 0,
          error,
        }).catch((e: unknown) => console.error('[sync] could not record the failed run', e));
      }
    }
    if (runAbort === abort) runAbort = null;
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
      runAbort?.abort();
      if (timer) clearTimeout(timer);
      timer = null;
      await ticking;
      await inFlight;
      await leader.release();
    },
  };
}
