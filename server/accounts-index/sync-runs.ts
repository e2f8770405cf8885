import { and, desc, eq, lt } from 'drizzle-orm';
import type { SyncStatus } from '../../shared/schemas/account-filters.ts';
import type { Db } from '../db/client.ts';
import { syncRuns } from '../db/schema.ts';

/** Runs kept in `sync_runs`; older ones are pruned so the table stays small at one run every few minutes. */
const KEEP_RUNS = 1000;

/**
 * Records a new run. Older runs still marked running belong to a process that stopped mid-run (one
 * process syncs at a time): they are closed as failed so that no console shows them running forever.
 */
export async function recordRunStarted(db: Db, startedAt: string): Promise<number> {
  const [row] = await db
    .insert(syncRuns)
    .values({ startedAt, state: 'running' })
    .returning({ id: syncRuns.id });
  const id = row!.id;
  await db
    .update(syncRuns)
    .set({ state: 'failed', finishedAt: startedAt, error: 'Interrupted: the console running it stopped' })
    .where(and(eq(syncRuns.state, 'running'), lt(syncRuns.id, id)));
  return id;
}

/** What a run in progress records: its paging, and while it waits out a rate limit, until when. */
export interface RunProgress {
  seen?: number;
  pages?: number;
  skipped?: number;
  rateLimitedUntil?: string | null;
}

export async function recordRunProgress(db: Db, id: number, progress: RunProgress) {
  await db.update(syncRuns).set(progress).where(eq(syncRuns.id, id));
}

export interface RunOutcome {
  state: 'succeeded' | 'failed';
  finishedAt: string;
  seen: number;
  pages: number;
  /** Confirmed gone by StackOne and marked deleted (`confirmedDeleted` in the status). */
  markedDeleted: number;
  keptAfterCheck?: number;
  unconfirmed?: number;
  skipped?: number;
  warning?: string | null;
  error: string | null;
}

export async function recordRunFinished(db: Db, id: number, outcome: RunOutcome) {
  await db
    .update(syncRuns)
    .set({ ...outcome, rateLimitedUntil: null })
    .where(eq(syncRuns.id, id));
  await db.delete(syncRuns).where(lt(syncRuns.id, id - KEEP_RUNS));
}

const iso = (s: string | null) => (s ? new Date(s).toISOString() : null);

/**
 * The newest run in the database as a status (whichever process ran it), with `total` and the end
 * of the newest successful run. Newest by id, not by time: the primary key answers it without a
 * scan, and one process syncs at a time.
 */
export async function latestRuns(db: Db): Promise<{ status: SyncStatus | null; succeededAt: string | null }> {
  const [latest] = await db.select().from(syncRuns).orderBy(desc(syncRuns.id)).limit(1);
  if (!latest) return { status: null, succeededAt: null };
  const [success] =
    latest.state === 'succeeded'
      ? [latest]
      : await db
          .select()
          .from(syncRuns)
          .where(eq(syncRuns.state, 'succeeded'))
          .orderBy(desc(syncRuns.id))
          .limit(1);
  return {
    status: {
      state: latest.state === 'running' ? 'running' : latest.state === 'failed' ? 'failed' : 'idle',
      seen: latest.seen,
      pages: latest.pages,
      ...(success ? { total: success.seen } : {}),
      startedAt: iso(latest.startedAt),
      finishedAt: iso(latest.finishedAt),
      error: latest.error,
      skipped: latest.skipped,
      confirmedDeleted: latest.markedDeleted,
      keptAfterCheck: latest.keptAfterCheck,
      unconfirmed: latest.unconfirmed,
      warning: latest.warning,
      rateLimitedUntil: latest.state === 'running' ? iso(latest.rateLimitedUntil) : null,
    },
    succeededAt: iso(success?.finishedAt ?? null),
  };
}
