import { desc, eq } from 'drizzle-orm';
import type { AccountRow } from '../accounts-index/account-row.ts';
import type { Db } from '../db/client.ts';
import { syncRuns } from '../db/schema.ts';

const ms = (at: Date | string | null) => (at === null ? null : new Date(at).getTime());

/**
 * When the index's copy of the account was last known to match StackOne: the later of the sync that
 * last changed it or first saw it (`syncedAt`: a sync does not rewrite an unchanged row), its last
 * event, and the end of the last successful sync if that sync vouched for it: the row is live, that
 * run left no account unchecked, and this one was not among those it had to check (missing from its
 * listing). Null when none is known.
 */
export async function lastConfirmedAt(db: Db, row: AccountRow): Promise<string | null> {
  const [run] = await db
    .select({
      startedAt: syncRuns.startedAt,
      finishedAt: syncRuns.finishedAt,
      unconfirmed: syncRuns.unconfirmed,
    })
    .from(syncRuns)
    .where(eq(syncRuns.state, 'succeeded'))
    .orderBy(desc(syncRuns.id))
    .limit(1);
  const checked = ms(row.missingCheckedAt);
  const vouched =
    run !== undefined &&
    row.deletedAt === null &&
    run.unconfirmed === 0 &&
    (checked === null || checked < ms(run.startedAt)!);
  const times = [ms(row.syncedAt), ms(row.lastEventAt), vouched ? ms(run.finishedAt) : null].filter(
    (t): t is number => t !== null,
  );
  return times.length ? new Date(Math.max(...times)).toISOString() : null;
}
