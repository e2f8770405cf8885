import { desc, eq, lt } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { syncRuns } from '../db/schema.ts';

/** Runs kept in `sync_runs`; older ones are pruned so the table stays small at one run every few minutes. */
const KEEP_RUNS = 1000;

export async function recordRunStarted(db: Db, startedAt: string): Promise<number> {
  const [row] = await db
    .insert(syncRuns)
    .values({ startedAt, state: 'running' })
    .returning({ id: syncRuns.id });
  return row!.id;
}

export async function recordRunProgress(db: Db, id: number, progress: { seen: number; pages: number }) {
  await db.update(syncRuns).set(progress).where(eq(syncRuns.id, id));
}

export async function recordRunFinished(
  db: Db,
  id: number,
  outcome: {
    state: 'succeeded' | 'failed';
    finishedAt: string;
    seen: number;
    pages: number;
    markedDeleted: number;
    error: string | null;
  },
) {
  await db.update(syncRuns).set(outcome).where(eq(syncRuns.id, id));
  await db.delete(syncRuns).where(lt(syncRuns.id, id - KEEP_RUNS));
}

/**
 * `finished_at` of the newest successful run. Newest by id, not by `finished_at`: the primary key
 * answers it without scanning, and runs of one leader finish in id order.
 */
export async function lastSucceededAt(db: Db): Promise<string | null> {
  const [row] = await db
    .select({ finishedAt: syncRuns.finishedAt })
    .from(syncRuns)
    .where(eq(syncRuns.state, 'succeeded'))
    .orderBy(desc(syncRuns.id))
    .limit(1);
  return row?.finishedAt ? new Date(row.finishedAt).toISOString() : null;
}

/** `seen` of the newest successful run, for the progress total of a new process's first run. */
export async function lastSucceededSeen(db: Db): Promise<number | null> {
  const [row] = await db
    .select({ seen: syncRuns.seen })
    .from(syncRuns)
    .where(eq(syncRuns.state, 'succeeded'))
    .orderBy(desc(syncRuns.id))
    .limit(1);
  return row?.seen ?? null;
}
