import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConsoleEvent } from '../../../../shared/schemas/events.ts';
import { createAccountSync } from '../../../../server/accounts-index/account-sync.ts';
import { upsertAccounts } from '../../../../server/accounts-index/upsert-accounts.ts';
import { openDatabase, type Database } from '../../../../server/db/client.ts';
import { accounts, syncRuns } from '../../../../server/db/schema.ts';
import type { EventBus } from '../../../../server/events/event-bus.ts';
import { AppError } from '../../../../server/http/app-error.ts';
import type { StackOneClient } from '../../../../server/stackone/stackone-client.ts';
import type { UpstreamLinkedAccount } from '../../../../server/stackone/upstream-schemas.ts';
import { migratedMemoryDatabase } from '../../../support/pglite-template.ts';

/** A StackOne linked account on the wire, numbered so that a test can name it. */
const upstreamAccount = (
  n: number,
  overrides: Partial<UpstreamLinkedAccount> = {},
): UpstreamLinkedAccount => ({
  id: `acc_${String(n).padStart(5, '0')}`,
  provider: 'hibob',
  provider_name: 'HiBob',
  status: 'active',
  status_reasons: [],
  origin_owner_id: `cust_${n % 7}`,
  origin_owner_name: `Customer ${n % 7}`,
  origin_username: null,
  label: null,
  type: 'production',
  created_at: '2024-01-01T00:00:00.000Z',
  updated_at: '2024-01-02T00:00:00.000Z',
  ...overrides,
});
const upstreamAccounts = (count: number) => Array.from({ length: count }, (_, i) => upstreamAccount(i + 1));

/** The two StackOne calls the sync makes, over a list; `listPage` plays a misbehaving upstream. */
function fakeStackOne(
  list: UpstreamLinkedAccount[],
  listPage?: (page: number, pageSize: number) => Promise<UpstreamLinkedAccount[]>,
) {
  const pagesAsked: number[] = [];
  const accountsAsked: string[] = [];
  const client = {
    listAccounts: async ({ page, pageSize }: { page: number; pageSize: number }) => {
      pagesAsked.push(page);
      const items = listPage ? await listPage(page, pageSize) : list.slice((page - 1) * pageSize, page * pageSize);
      return { items, skipped: [] };
    },
    getAccount: async (id: string) => {
      accountsAsked.push(id);
      const found = list.find((a) => a.id === id);
      if (!found) throw new AppError('not_found', `StackOne answered 404 (GET /accounts/${id})`);
      return found;
    },
  };
  return { client: client as unknown as StackOneClient, pagesAsked, accountsAsked };
}

function recordingBus(): EventBus & { events: ConsoleEvent[] } {
  const events: ConsoleEvent[] = [];
  return {
    events,
    publish: async (event) => {
      events.push(event);
    },
    subscribe: () => () => {},
    since: () => [],
    close: async () => {},
  };
}

let database: Database;

beforeAll(async () => {
  database = await openDatabase(await migratedMemoryDatabase());
});
afterAll(async () => {
  await database?.close();
});
beforeEach(async () => {
  await database.db.delete(accounts);
  await database.db.delete(syncRuns);
});

function syncOver(
  list: UpstreamLinkedAccount[],
  listPage?: (page: number, pageSize: number) => Promise<UpstreamLinkedAccount[]>,
  intervalSeconds = 0,
) {
  const stackOne = fakeStackOne(list, listPage);
  const bus = recordingBus();
  const sync = createAccountSync({ database, stackOne: stackOne.client, bus, intervalSeconds });
  return { sync, bus, ...stackOne };
}

const indexedIds = async (which: 'live' | 'deleted') =>
  (await database.db.select({ id: accounts.id, deletedAt: accounts.deletedAt }).from(accounts))
    .filter((r) => (which === 'live' ? r.deletedAt === null : r.deletedAt !== null))
    .map((r) => r.id)
    .sort();

const runs = () => database.db.select().from(syncRuns).orderBy(syncRuns.id);

describe('a full sync', () => {
  it('pages from page 1 until a short page and indexes every account', async () => {
    const list = upstreamAccounts(250);
    const { sync, pagesAsked } = syncOver(list);
    const status = await sync.runFull();
    expect(pagesAsked).toEqual([1, 2, 3]);
    expect(status).toMatchObject({ state: 'idle', seen: 250, pages: 3, total: 250, error: null });
    expect(await indexedIds('live')).toEqual(list.map((a) => a.id));
  });

  it('stops at an empty page when the count is a multiple of the page size', async () => {
    const { sync, pagesAsked } = syncOver(upstreamAccounts(200));
    const status = await sync.runFull();
    expect(pagesAsked).toEqual([1, 2, 3]);
    expect(status).toMatchObject({ seen: 200, pages: 2 });
  });

  it('records the run in sync_runs and reports its end as syncedAt', async () => {
    const { sync } = syncOver(upstreamAccounts(120));
    expect(await sync.syncedAt()).toBeNull();
    const status = await sync.runFull();
    const [run] = await runs();
    expect(run).toMatchObject({ state: 'succeeded', seen: 120, pages: 2, markedDeleted: 0, error: null });
    expect(new Date(run!.finishedAt!).toISOString()).toBe(status.finishedAt);
    expect(await sync.syncedAt()).toBe(status.finishedAt);
  });

  it('stamps every synced row with the time the run started', async () => {
    const { sync } = syncOver(upstreamAccounts(3));
    const status = await sync.runFull();
    const rows = await database.db.select({ syncedAt: accounts.syncedAt }).from(accounts);
    expect(rows.map((r) => new Date(r.syncedAt!).toISOString())).toEqual(Array(3).fill(status.startedAt));
  });

  it('counts an account that moved onto the next page once', async () => {
    const list = upstreamAccounts(150);
    // An account created before the first page was read pushes the list down by one.
    const shifted = [upstreamAccount(0), ...list];
    const { sync } = syncOver(list, async (page, size) =>
      (page === 1 ? list : shifted).slice((page - 1) * size, page * size),
    );
    const status = await sync.runFull();
    expect(status.seen).toBe(150);
    expect(await indexedIds('live')).toHaveLength(150);
  });

  it('stops when an upstream that ignores page repeats the first page, and marks nothing deleted', async () => {
    await upsertAccounts(database.db, [upstreamAccount(999)], {});
    const list = upstreamAccounts(100);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { sync, pagesAsked } = syncOver(list, async () => list);
    const status = await sync.runFull();
    expect(pagesAsked).toEqual([1, 2]);
    expect(status).toMatchObject({ state: 'idle', seen: 100, pages: 1 });
    expect(await indexedIds('deleted')).toEqual([]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('repeated page 2'));
  });

  it('marks an indexed account StackOne no longer lists as deleted and announces it', async () => {
    const list = upstreamAccounts(5);
    await upsertAccounts(database.db, [...list, upstreamAccount(6)], {});
    const { sync, bus, accountsAsked } = syncOver(list);
    await sync.runFull();
    expect(await indexedIds('deleted')).toEqual(['acc_00006']);
    expect(accountsAsked).toEqual(['acc_00006']);
    expect((await runs())[0]!.markedDeleted).toBe(1);
    expect(bus.events).toContainEqual(
      expect.objectContaining({ type: 'account.changed', accountId: 'acc_00006', change: 'deleted' }),
    );
  });

  it('keeps an unlisted account that StackOne still has when asked for it', async () => {
    const list = upstreamAccounts(150);
    await upsertAccounts(database.db, list, {});
    // A deletion between two page reads moves account 101 onto page 1, where it is never read.
    const { sync } = syncOver(list, async (page, size) =>
      (page === 1 ? list : list.filter((a) => a.id !== 'acc_00001')).slice((page - 1) * size, page * size),
    );
    const status = await sync.runFull();
    expect(status.seen).toBe(149);
    expect(await indexedIds('deleted')).toEqual([]);
  });

  it('leaves alone an account a webhook touched while the run was paging', async () => {
    const list = upstreamAccounts(150);
    const { sync } = syncOver(list, async (page, size) => {
      if (page === 2) {
        // account.created arrives for an account the listing will not show.
        const lateAt = new Date().toISOString();
        await upsertAccounts(database.db, [upstreamAccount(500, { created_at: '2024-01-01T00:00:00Z' })], {
          lastEventAt: lateAt,
        });
      }
      return list.slice((page - 1) * size, page * size);
    });
    // getAccount would say 404 for it: only the guard keeps it.
    await sync.runFull();
    expect(await indexedIds('deleted')).toEqual([]);
  });

  it('indexes an account whose text holds a NUL character, which the database cannot store, without it', async () => {
    const { sync } = syncOver([upstreamAccount(1, { label: 'EU\u0000 entity' }), upstreamAccount(2)]);
    expect(await sync.runFull()).toMatchObject({ state: 'idle', seen: 2 });
    const rows = await database.db.select({ label: accounts.label }).from(accounts).orderBy(accounts.id);
    expect(rows[0]!.label).toBe('EU entity');
  });

  it('publishes progress after every page and at the end', async () => {
    const { sync, bus } = syncOver(upstreamAccounts(210));
    await sync.runFull();
    const progress = bus.events.filter((e) => e.type === 'sync.progress');
    expect(progress.map((e) => [e.state, e.seen, e.pages])).toEqual([
      ['running', 0, 0],
      ['running', 100, 1],
      ['running', 200, 2],
      ['running', 210, 3],
      ['idle', 210, 3],
    ]);
  });

  it('shares the run in flight between concurrent calls', async () => {
    const { sync, pagesAsked } = syncOver(upstreamAccounts(150));
    const [a, b] = await Promise.all([sync.runFull(), sync.runFull()]);
    expect(a).toEqual(b);
    expect(pagesAsked).toEqual([1, 2]);
    expect(await runs()).toHaveLength(1);
  });

  it('reports running with progress while it pages', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const list = upstreamAccounts(150);
    const { sync } = syncOver(list, async (page, size) => {
      if (page === 2) await gate;
      return list.slice((page - 1) * size, page * size);
    });
    const done = sync.runFull();
    await vi.waitFor(() => expect(sync.status()).toMatchObject({ state: 'running', seen: 100, pages: 1 }), {
      timeout: 20_000,
    });
    expect((await runs())[0]).toMatchObject({ state: 'running', seen: 100, pages: 1 });
    release();
    expect(await done).toMatchObject({ state: 'idle', seen: 150 });
  });
});

describe('a failed sync', () => {
  const failOnPage2 = (list: UpstreamLinkedAccount[]) => async (page: number, size: number) => {
    if (page === 2)
      throw new AppError(
        'upstream_unavailable',
        'StackOne answered 503: Service Unavailable (GET /accounts)',
      );
    return list.slice((page - 1) * size, page * size);
  };

  it('marks nothing deleted and reports the upstream error', async () => {
    const list = upstreamAccounts(150);
    await upsertAccounts(database.db, [upstreamAccount(999)], {});
    const { sync, bus } = syncOver(list, failOnPage2(list));
    const status = await sync.runFull();
    expect(status).toMatchObject({
      state: 'failed',
      seen: 100,
      pages: 1,
      error: 'StackOne answered 503: Service Unavailable (GET /accounts)',
    });
    expect(status.finishedAt).not.toBeNull();
    expect(await indexedIds('deleted')).toEqual([]);
    expect(bus.events.at(-1)).toMatchObject({ type: 'sync.progress', state: 'failed' });
  });

  it('is recorded as failed and leaves syncedAt at the last successful run', async () => {
    const list = upstreamAccounts(150);
    const good = await syncOver(list).sync.runFull();
    const { sync } = syncOver(list, failOnPage2(list));
    await sync.runFull();
    expect((await runs()).map((r) => [r.state, r.error])).toEqual([
      ['succeeded', null],
      ['failed', 'StackOne answered 503: Service Unavailable (GET /accounts)'],
    ]);
    expect(await sync.syncedAt()).toBe(good.finishedAt);
  });

  it('keeps the total of the last successful run', async () => {
    const list = upstreamAccounts(150);
    const fail = failOnPage2(list);
    let failing = false;
    const { sync } = syncOver(list, (page, size) =>
      failing ? fail(page, size) : Promise.resolve(list.slice((page - 1) * size, page * size)),
    );
    await sync.runFull();
    failing = true;
    expect(await sync.runFull()).toMatchObject({ state: 'failed', total: 150 });
  });
});

describe('runs in other processes', () => {
  it('are reported by status() once syncedAt() has read them', async () => {
    const elsewhere = syncOver(upstreamAccounts(120)).sync;
    const done = await elsewhere.runFull();
    const here = syncOver(upstreamAccounts(120)).sync;
    expect(here.status()).toMatchObject({ state: 'idle', seen: 0, startedAt: null });
    expect(await here.syncedAt()).toBe(done.finishedAt);
    expect(here.status()).toEqual(done);
  });

  it('are closed as interrupted when a new run starts after their process stopped mid-run', async () => {
    await database.db.insert(syncRuns).values({ state: 'running', seen: 300, pages: 3 });
    const { sync } = syncOver(upstreamAccounts(3));
    await sync.runFull();
    expect((await runs()).map((r) => [r.state, r.error])).toEqual([
      ['failed', 'Interrupted: the console running it stopped'],
      ['succeeded', null],
    ]);
  });
});

describe('the schedule', () => {
  it('runs once at start and again every interval until stopped', async () => {
    const { sync } = syncOver(upstreamAccounts(3), undefined, 1);
    sync.start();
    await vi.waitFor(async () => expect(await runs()).toHaveLength(2), { timeout: 20_000, interval: 50 });
    await sync.stop();
    const count = (await runs()).length;
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(await runs()).toHaveLength(count);
  });

  it('logs a failed run instead of throwing', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { sync } = syncOver([], async () => {
      throw new AppError('upstream_unavailable', 'StackOne is unreachable (GET /accounts): fetch failed');
    });
    sync.start();
    await sync.stop();
    expect(error).toHaveBeenCalledWith(
      '[sync] full sync failed: StackOne is unreachable (GET /accounts): fetch failed',
    );
  });
});
