import { randomBytes } from 'node:crypto';
import { and, asc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import type { accounts } from '../db/schema.ts';
import { auditLog, linkJobItems, linkJobs } from '../db/schema.ts';
import type { EventBus } from '../events/event-bus.ts';
import { AppError } from '../http/app-error.ts';
import type { StackOneClient } from '../stackone/stackone-client.ts';
import { markWaitingOnCustomer } from '../incidents/wait-on-customer.ts';
import { indexedAccounts } from './create-bulk-job.ts';
import { abortableSleep, createPacer } from './pacer.ts';
import { recordLink } from './record-link.ts';

export interface BulkWorkerOptions {
  /** Connect sessions a second, for all jobs of this process: StackOne allows the key ~16 a second, shared with sync and users. */
  perSecond: number;
  /** Calls in flight at once. */
  concurrency: number;
  /** How long a process holds a job before another may take it over (it renews while it works). */
  leaseMs: number;
}

export const DEFAULT_BULK_WORKER_OPTIONS: BulkWorkerOptions = {
  perSecond: 10,
  concurrency: 4,
  leaseMs: 30_000,
};

type IndexedAccount = typeof accounts.$inferSelect;

const BATCH = 20;
const MAX_RATE_LIMIT_RETRIES = 5;
const PROGRESS_EVERY_MS = 500;

interface WorkerDeps {
  database: Database;
  stackOne: StackOneClient;
  bus: EventBus;
  publicUrl: string;
}

/**
 * Runs bulk jobs: one worker per job across processes (a lease in `link_jobs`), items in order,
 * paced, each account's failure recorded on its item without stopping the rest. A job whose worker
 * died (a restart) is taken over once its lease lapses.
 */
export function createBulkWorker(deps: WorkerDeps, options: BulkWorkerOptions = DEFAULT_BULK_WORKER_OPTIONS) {
  const { db } = deps.database;
  const me = randomBytes(8).toString('base64url');
  const closing = new AbortController();
  const pace = createPacer(options.perSecond, closing.signal);
  const running = new Map<string, Promise<void>>();
  const ledger = { db, bus: deps.bus, publicUrl: deps.publicUrl };

  const leaseUntil = () => new Date(Date.now() + options.leaseMs).toISOString();

  async function claim(jobId: string) {
    const now = new Date().toISOString();
    const [job] = await db
      .update(linkJobs)
      .set({ leaseOwner: me, leaseUntil: leaseUntil() })
      .where(
        and(
          eq(linkJobs.id, jobId),
          eq(linkJobs.state, 'running'),
          or(isNull(linkJobs.leaseUntil), lt(linkJobs.leaseUntil, now), eq(linkJobs.leaseOwner, me)),
        ),
      )
      .returning();
    return job ?? null;
  }

  async function publishProgress(jobId: string) {
    const [job] = await db.select().from(linkJobs).where(eq(linkJobs.id, jobId)).limit(1);
    if (!job) return;
    await deps.bus.publish({
      type: 'links.job',
      jobId,
      state: job.state as 'running' | 'finished',
      total: job.total,
      done: job.done,
      failed: job.failed,
      at: new Date().toISOString(),
    });
  }

  async function createSession(account: IndexedAccount, expiresIn: number) {
    for (let attempt = 0; ; attempt++) {
      await pace();
      try {
        return await deps.stackOne.createConnectSession({
          origin_owner_id: account.originOwnerId,
          origin_owner_name: account.originOwnerName,
          ...(account.originUsername ? { origin_username: account.originUsername } : {}),
          provider: account.provider,
          account_id: account.id,
          expires_in: expiresIn,
        });
      } catch (err) {
        // A 429 refused the call, so trying again cannot make a second session.
        if (err instanceof AppError && err.code === 'rate_limited' && attempt < MAX_RATE_LIMIT_RETRIES) {
          await abortableSleep((err.options.retryAfterSeconds ?? 1) * 1000, closing.signal);
          continue;
        }
        throw err;
      }
    }
  }

  /** As for one link: the account's unresolved incident now waits on the customer, audited for the job's author. */
  async function noteWaiting(job: typeof linkJobs.$inferSelect, account: IndexedAccount) {
    try {
      const moved = await markWaitingOnCustomer({ db, bus: deps.bus }, account.id);
      if (!moved) return;
      await db.insert(auditLog).values({
        actorId: job.createdById,
        actorEmail: job.createdByEmail,
        action: 'incident.updated',
        outcome: 'success',
        targetType: 'incident',
        targetId: moved.after.id,
        targetOwner: `${moved.after.originOwnerName} (${moved.after.originOwnerId})`,
        summary: {
          accountId: account.id,
          state: { from: moved.before.state, to: moved.after.state },
          because: 're-link link sent in bulk',
          jobId: job.id,
        },
      });
    } catch (err) {
      console.error(`[links] could not mark account ${account.id}'s incident waiting on the customer`, err);
    }
  }

  async function runItem(
    job: typeof linkJobs.$inferSelect,
    item: typeof linkJobItems.$inferSelect,
    account: IndexedAccount | undefined,
  ) {
    let outcome: { linkId: string } | { error: string };
    if (!account) {
      outcome = { error: `Account ${item.accountId} is not in the index (deleted, or not synced yet)` };
    } else {
      try {
        const session = await createSession(account, job.expiresIn);
        const link = await recordLink(
          ledger,
          {
            kind: 'relink',
            accountId: account.id,
            originOwnerId: account.originOwnerId,
            originOwnerName: account.originOwnerName,
            provider: account.provider,
            label: account.label,
            authLinkUrl: session.auth_link_url,
            expiresAt: new Date(Date.parse(session.created_at) + job.expiresIn * 1000).toISOString(),
            createdById: job.createdById,
            createdByEmail: job.createdByEmail,
            jobId: job.id,
          },
          { quiet: true },
        );
        outcome = { linkId: link.id };
        await noteWaiting(job, account);
      } catch (err) {
        if (closing.signal.aborted) throw err;
        outcome = { error: err instanceof Error ? err.message : String(err) };
      }
    }
    const done = 'linkId' in outcome;
    await db
      .update(linkJobItems)
      .set(
        'linkId' in outcome
          ? { state: 'done', linkId: outcome.linkId }
          : { state: 'failed', error: outcome.error.slice(0, 1000) },
      )
      .where(and(eq(linkJobItems.jobId, job.id), eq(linkJobItems.position, item.position)));
    await db
      .update(linkJobs)
      .set(done ? { done: sql`${linkJobs.done} + 1` } : { failed: sql`${linkJobs.failed} + 1` })
      .where(eq(linkJobs.id, job.id));
  }

  async function finish(jobId: string) {
    const [job] = await db
      .update(linkJobs)
      .set({ state: 'finished', finishedAt: new Date().toISOString(), leaseOwner: null, leaseUntil: null })
      .where(and(eq(linkJobs.id, jobId), eq(linkJobs.state, 'running')))
      .returning();
    if (!job) return;
    const items = await db
      .select({ accountId: linkJobItems.accountId, linkId: linkJobItems.linkId, error: linkJobItems.error })
      .from(linkJobItems)
      .where(eq(linkJobItems.jobId, jobId))
      .orderBy(asc(linkJobItems.position));
    // The job's one audit row (written when it was accepted) gets what came of each account.
    const result = {
      done: job.done,
      failed: job.failed,
      finishedAt: job.finishedAt,
      items: items.map((i) =>
        i.linkId ? { accountId: i.accountId, linkId: i.linkId } : { accountId: i.accountId, error: i.error },
      ),
    };
    await db
      .update(auditLog)
      .set({
        summary: sql`${auditLog.summary} || ${JSON.stringify(result)}::jsonb`,
        outcome: job.done === 0 && job.failed > 0 ? 'failure' : 'success',
      })
      .where(and(eq(auditLog.action, 'links.bulk_created'), sql`${auditLog.summary}->>'jobId' = ${jobId}`));
  }

  async function run(jobId: string) {
    let job = await claim(jobId);
    if (!job) return;
    let lastProgress = 0;
    await publishProgress(jobId);
    for (;;) {
      if (closing.signal.aborted) return;
      const batch = await db
        .select()
        .from(linkJobItems)
        .where(and(eq(linkJobItems.jobId, jobId), eq(linkJobItems.state, 'pending')))
        .orderBy(asc(linkJobItems.position))
        .limit(BATCH);
      if (batch.length === 0) break;
      const found = await indexedAccounts(
        db,
        batch.map((i) => i.accountId),
      );
      const queue = [...batch];
      const lane = async () => {
        for (let item = queue.shift(); item; item = queue.shift()) {
          await runItem(job!, item, found.get(item.accountId));
          if (Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
            lastProgress = Date.now();
            await publishProgress(jobId);
          }
        }
      };
      await Promise.all(Array.from({ length: options.concurrency }, lane));
      job = await claim(jobId);
      // Another process took the job over (this one stalled past its lease): it carries on.
      if (!job) return;
    }
    await finish(jobId);
    await publishProgress(jobId);
  }

  /** Starts the job's worker in this process unless one runs here already. */
  function start(jobId: string) {
    if (running.has(jobId) || closing.signal.aborted) return;
    const p = run(jobId)
      .catch((err: unknown) => {
        if (!closing.signal.aborted) console.error(`[links] bulk job ${jobId} stopped`, err);
      })
      .finally(() => running.delete(jobId));
    running.set(jobId, p);
  }

  /** Takes up every running job whose lease lapsed (after a restart, or a process that died). */
  async function resume() {
    const now = new Date().toISOString();
    const jobs = await db
      .select({ id: linkJobs.id })
      .from(linkJobs)
      .where(
        and(eq(linkJobs.state, 'running'), or(isNull(linkJobs.leaseUntil), lt(linkJobs.leaseUntil, now))),
      );
    for (const job of jobs) start(job.id);
  }

  return {
    start,
    resume,
    async close() {
      closing.abort();
      await Promise.allSettled(running.values());
      // Handed back at once, so the next start (or another process) carries on without waiting out the lease.
      await db
        .update(linkJobs)
        .set({ leaseOwner: null, leaseUntil: null })
        .where(and(eq(linkJobs.leaseOwner, me), eq(linkJobs.state, 'running')))
        .catch((err: unknown) => console.warn('[links] could not hand back bulk job leases', err));
    },
  };
}
export type BulkWorker = ReturnType<typeof createBulkWorker>;
