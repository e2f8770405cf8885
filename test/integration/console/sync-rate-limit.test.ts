import { desc, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncProgressEvent } from '../../../shared/schemas/events.ts';
import { accounts, syncRuns } from '../../../server/db/schema.ts';
import { startTestConsole, type TestConsole } from '../../support/console.ts';
import { platformFetch } from '../../support/sandbox.ts';

describe('the account sync under StackOne’s rate limit', () => {
  let t: TestConsole;

  beforeAll(async () => {
    t = await startTestConsole({
      autoSync: false,
      sandbox: { accounts: 130, webhookUrls: [], rateLimitPerMinute: 100_000 },
      env: { STACKONE_RETRY_AFTER_MAX_SECONDS: '30' },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('waits out a Retry-After under the cap, its status saying "rate limited" until when, and succeeds', async () => {
    const fault = await platformFetch(t.sandbox, '/_sandbox/faults', {
      method: 'POST',
      body: JSON.stringify({ path: '/accounts', method: 'GET', status: 429, retryAfter: 2, times: 1 }),
    });
    expect(fault.status).toBe(201);
    const progress: SyncProgressEvent[] = [];
    const unsubscribe = t.console.deps.bus.subscribe(({ event }) => {
      if (event.type === 'sync.progress') progress.push(event);
    });
    try {
      const status = await t.console.deps.sync.runFull();
      expect(status).toMatchObject({ state: 'idle', seen: 130, error: null, rateLimitedUntil: null });
    } finally {
      unsubscribe();
    }
    const limited = progress.filter((e) => e.rateLimitedUntil);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]).toMatchObject({ state: 'running' });
    expect(progress.at(-1)).toMatchObject({ state: 'idle', rateLimitedUntil: null });
  });

  it('fails with a clear message when StackOne asks for longer than the cap', async () => {
    await platformFetch(t.sandbox, '/_sandbox/faults', {
      method: 'POST',
      body: JSON.stringify({ path: '/accounts', method: 'GET', status: 429, retryAfter: 60, times: 1 }),
    });
    const status = await t.console.deps.sync.runFull();
    expect(status.state).toBe('failed');
    expect(status.error).toMatch(/rate limiting/);
    expect(status.error).toMatch(/STACKONE_RETRY_AFTER_MAX_SECONDS/);
    await platformFetch(t.sandbox, '/_sandbox/faults', { method: 'DELETE' });
  });
});

describe('closing the console while the sync waits out a Retry-After', () => {
  let t: TestConsole | undefined;
  afterAll(async () => {
    await t?.close();
  });

  it('ends the wait at once: the run is recorded failed and no account is marked deleted', async () => {
    t = await startTestConsole({
      autoSync: false,
      sandbox: { accounts: 30, webhookUrls: [], rateLimitPerMinute: 100_000 },
      // The client waits out StackOne's Retry-After itself, up to 120 s: far longer than this test may take.
      env: { STACKONE_RETRY_AFTER_MAX_SECONDS: '120' },
    });
    const { deps } = t.console;
    expect(await deps.sync.runFull()).toMatchObject({ state: 'idle', seen: 30 });
    await platformFetch(t.sandbox, '/_sandbox/faults', {
      method: 'POST',
      body: JSON.stringify({ path: '/accounts', method: 'GET', status: 429, retryAfter: 60, times: 1 }),
    });
    const waiting = new Promise<void>((resolve) => {
      const unsubscribe = deps.bus.subscribe(({ event }) => {
        if (event.type === 'sync.progress' && event.rateLimitedUntil) {
          unsubscribe();
          resolve();
        }
      });
    });
    const run = deps.sync.runFull();
    await waiting;

    // What the database holds as the console closes it, the run over.
    const database = deps.database;
    const closeDatabase = database.close.bind(database);
    let atClose: { runs: { state: string; error: string | null }[]; deleted: number } | undefined;
    database.close = async () => {
      const runs = await database.db
        .select({ state: syncRuns.state, error: syncRuns.error })
        .from(syncRuns)
        .orderBy(desc(syncRuns.id));
      const deleted = (await database.db.select({ id: accounts.id }).from(accounts)).length;
      const live = await database.db
        .select({ id: accounts.id })
        .from(accounts)
        .where(isNull(accounts.deletedAt));
      atClose = { runs, deleted: deleted - live.length };
      await closeDatabase();
    };
    // The console closes (and a new one starts on the same sandbox); the test's timeout is half the Retry-After.
    await t.restartConsole();
    expect(await run).toMatchObject({ state: 'failed' });
    expect(atClose).toMatchObject({ runs: [{ state: 'failed' }, { state: 'succeeded' }], deleted: 0 });
    expect(atClose!.runs[0]!.error).toMatch(/shutting down|stopped/);
  }, 30_000);
});
