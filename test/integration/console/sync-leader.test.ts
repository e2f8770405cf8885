import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccountSync } from '../../../server/accounts-index/account-sync.ts';
import { createSyncLeader, SYNC_LOCK_KEY } from '../../../server/accounts-index/sync-leader.ts';
import { openDatabase, type Database } from '../../../server/db/client.ts';
import { syncRuns } from '../../../server/db/schema.ts';
import { createEventBus, type EventBus } from '../../../server/events/event-bus.ts';
import type { RunningSandbox } from '../../../server/sandbox/start-sandbox.ts';
import { createStackOneClient } from '../../../server/stackone/stackone-client.ts';
import { freshDatabase, TEST_DATABASES } from '../../support/console.ts';
import { startTestSandbox } from '../../support/sandbox.ts';

/** Two console processes sharing one database, as behind a load balancer. */
function twoProcesses(kind: 'pglite' | 'postgres') {
  const ctx = {} as {
    sandbox: RunningSandbox;
    fresh: Awaited<ReturnType<typeof freshDatabase>>;
    first: Database;
    second: Database;
    buses: EventBus[];
  };
  beforeAll(async () => {
    ctx.sandbox = await startTestSandbox({ accounts: 30, webhookUrls: [] });
    ctx.fresh = await freshDatabase(kind);
    ctx.first = await openDatabase(ctx.fresh.config);
    // An in-memory config opens a new database each time: on PGlite every process is alone, and leads.
    ctx.second = await openDatabase(ctx.fresh.config);
    ctx.buses = [];
  });
  afterAll(async () => {
    for (const bus of ctx.buses ?? []) await bus.close();
    await ctx.first?.close();
    await ctx.second?.close();
    await ctx.fresh?.drop();
    await ctx.sandbox?.close();
  });
  return ctx;
}

describe.each(TEST_DATABASES)('the scheduled sync across processes on $name', ({ kind }) => {
  const ctx = twoProcesses(kind);

  const syncOn = async (database: Database) => {
    const bus = await createEventBus(database);
    ctx.buses.push(bus);
    return createAccountSync({
      database,
      stackOne: createStackOneClient({
        baseUrl: ctx.sandbox.url,
        apiKey: ctx.sandbox.apiKey,
        timeoutMs: 3000,
      }),
      bus,
      intervalSeconds: 0,
    });
  };

  it('lets one process lead at a time, and another take over when it stops', async () => {
    const a = createSyncLeader(ctx.first);
    const b = createSyncLeader(ctx.second);
    expect(await a.tryLead()).toBe(true);
    expect(await a.tryLead()).toBe(true);
    expect(await b.tryLead()).toBe(kind === 'pglite');
    await a.release();
    expect(await b.tryLead()).toBe(true);
    expect(await a.tryLead()).toBe(kind === 'pglite');
    await b.release();
    await a.release();
  });

  it('runs the start-up sync in one process only', async () => {
    const [syncA, syncB] = [await syncOn(ctx.first), await syncOn(ctx.second)];
    syncA.start();
    syncB.start();
    // Only the leader runs on PostgreSQL; on PGlite every sync leads (one process per database), so both run.
    const runners = kind === 'postgres' ? 1 : 2;
    const started = () => [syncA.status(), syncB.status()].filter((s) => s.startedAt !== null);
    // Stopping aborts a run in flight, and which process leads is a race: wait until the runs that
    // started have ended before stopping either.
    await expect
      .poll(() => started().length === runners && started().every((s) => s.state !== 'running'), {
        timeout: 30_000,
      })
      .toBe(true);
    await syncA.stop();
    await syncB.stop();
    const ran = started();
    expect(ran).toHaveLength(runners);
    expect(ran[0]).toMatchObject({ state: 'idle', seen: 30 });
    expect(await ctx.first.db.select().from(syncRuns)).toHaveLength(1);
    if (kind === 'postgres') {
      // The process that did not sync reports the leader's run, as read from the database.
      await syncA.syncedAt();
      await syncB.syncedAt();
      expect(syncA.status()).toEqual(syncB.status());
    }
  });
});

for (const { name } of TEST_DATABASES.filter((d) => d.kind === 'postgres')) {
  describe(`sync leadership on ${name}`, () => {
    const ctx = twoProcesses('postgres');

    it('moves to another process when the leader loses its connection', async () => {
      const a = createSyncLeader(ctx.first);
      const b = createSyncLeader(ctx.second);
      expect(await a.tryLead()).toBe(true);
      expect(await b.tryLead()).toBe(false);
      // The lock dies with the leader's session, as when its process crashes.
      // pg_locks spans the cluster: only this database's holder of the sync lock is terminated.
      const killed = await ctx.second.pool!.query(
        `select pg_terminate_backend(pid) from pg_locks
         where locktype = 'advisory' and granted and pid <> pg_backend_pid()
           and database = (select oid from pg_database where datname = current_database())
           and objid = $1::bigint % 4294967296`,
        [SYNC_LOCK_KEY],
      );
      expect(killed.rowCount).toBe(1);
      await expect.poll(() => b.tryLead(), { timeout: 5000 }).toBe(true);
      expect(await a.tryLead()).toBe(false);
      await b.release();
      expect(await a.tryLead()).toBe(true);
      await a.release();
    });
  });
}
