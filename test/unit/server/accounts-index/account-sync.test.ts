import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConsoleEvent } from '../../../../shared/schemas/events.ts';
import { createAccountSync } from '../../../../server/accounts-index/account-sync.ts';
import { CONFIRM_CAP } from '../../../../server/accounts-index/mark-vanished.ts';
import { upsertAccounts } from '../../../../server/accounts-index/upsert-accounts.ts';
import { openDatabase, type Database } from '../../../../server/db/client.ts';
import { accounts, syncRuns } from '../../../../server/db/schema.ts';
import type { EventBus } from '../../../../server/events/event-bus.ts';
import { AppError } from '../../../../server/http/app-error.ts';
import type { StackOneClient } from '../../../../server/stackone/stackone-client.ts';
import type { ListedPage } from '../../../../server/accounts-index/page-through-accounts.ts';
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
type ListPage = (page: number, pageSize: number) => Promise<ListedPage>;

function fakeStackOne(
  list: UpstreamLinkedAccount[],
  listPage?: ListPage,
  getAccount?: (id: string) => Promise<UpstreamLinkedAccount>,
) {
  const pagesAsked: number[] = [];
  const accountsAsked: string[] = [];
  const client = {
    listAccounts: async ({ page, pageSize }: { page: number; pageSize: number }) => {
      pagesAsked.push(page);
      return listPage ? listPage(page, pageSize) : list.slice((page - 1) * pageSize, page * pageSize);
    },
    getAccount: async (id: string) => {
      accountsAsked.push(id);
      if (getAccount) return getAccount(id);
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
  listPage?: ListPage,
  intervalSeconds = 0,
  options: {
    getAccount?: (id: string) => Promise<UpstreamLinkedAccount>;
    retryAfterMaxSeconds?: number;
  } = {},
) {
  const stackOne = fakeStackOne(list, listPage, options.getAccount);
  const bus = recordingBus();
  const sync = createAccountSync({
    database,
    stackOne: stackOne.client,
    bus,
    intervalSeconds,
    retryAfterMaxSeconds: options.retryAfterMaxSeconds,
  });
  return { sync, bus, ...stackOne };
}

const indexedIds = async (which: 'live' | 'deleted') =>
  (await database.db.select({ id: accounts.id, deletedAt: accounts.deletedAt }).from(accounts))
    .filter((r) => (which === 'live' ? r.deletedAt === null : r.deletedAt !== null))
    .map((r) => r.id)
    .sort();

const runs = () => database.db.select().from(syncRuns).orderBy(syncRuns.id);

describe('a full sync', () => {
  it('pages until an empty page and indexes every account', async () => {
    const list = upstreamAccounts(250);
    const { sync, pagesAsked } = syncOver(list);
    const status = await sync.runFull();
    // Page 0 first: empty on this 1-based upstream.
    expect(pagesAsked).toEqual([0, 1, 2, 3, 4]);
    expect(status).toMatchObject({ state: 'idle', seen: 250, pages: 3, total: 250, error: null });
    expect(await indexedIds('live')).toEqual(list.map((a) => a.id));
  });

  it('stops at an empty page when the count is a multiple of the page size', async () => {
    const { sync, pagesAsked } = syncOver(upstreamAccounts(200));
    const status = await sync.runFull();
    expect(pagesAsked).toEqual([0, 1, 2, 3]);
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
    // Page 1 repeating page 0 is a 1-based server's alias; page 2 repeating them is not.
    expect(pagesAsked).toEqual([0, 1, 2]);
    expect(status).toMatchObject({ state: 'idle', seen: 100, pages: 1, unconfirmed: 1 });
    expect(status.warning).toMatch(/repeated page 2 .* incomplete/);
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
    expect(pagesAsked).toEqual([0, 1, 2, 3]);
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

describe('paging whatever StackOne’s paging is', () => {
  const slice = (list: UpstreamLinkedAccount[], from: number, size: number) => list.slice(from, from + size);

  it('reads a 0-based upstream from page 0 and sees every account', async () => {
    const list = upstreamAccounts(250);
    const { sync, pagesAsked } = syncOver(list, async (page, size) => slice(list, page * size, size));
    const status = await sync.runFull();
    expect(pagesAsked).toEqual([0, 1, 2, 3]);
    expect(status).toMatchObject({ state: 'idle', seen: 250, pages: 3, confirmedDeleted: 0, warning: null });
    expect(await indexedIds('live')).toEqual(list.map((a) => a.id));
  });

  it('takes a page 0 that repeats page 1 as a 1-based upstream’s alias, not a repeated listing', async () => {
    const list = upstreamAccounts(250);
    const { sync } = syncOver(list, async (page, size) => slice(list, (Math.max(page, 1) - 1) * size, size));
    const status = await sync.runFull();
    expect(status).toMatchObject({ state: 'idle', seen: 250, pages: 3, unconfirmed: 0, warning: null });
  });

  it('goes on with page 1 when page 0 is refused with a 400', async () => {
    const list = upstreamAccounts(150);
    const { sync, pagesAsked } = syncOver(list, async (page, size) => {
      if (page === 0)
        throw new AppError('bad_request', 'StackOne answered 400: page must be at least 1 (GET /accounts)');
      return slice(list, (page - 1) * size, size);
    });
    expect(await sync.runFull()).toMatchObject({ state: 'idle', seen: 150 });
    expect(pagesAsked).toEqual([0, 1, 2, 3]);
  });

  it('goes on past a page silently capped at 25 and past short pages, to the empty page', async () => {
    const list = upstreamAccounts(230);
    const indexed = upstreamAccounts(230);
    await upsertAccounts(database.db, indexed, {});
    // Pages of 25 at most, some shorter (every third holds 10): the end is only the empty page.
    const { sync, accountsAsked } = syncOver(list, async (page) => {
      if (page === 0) return [];
      const sizes = Array.from({ length: page }, (_, i) => ((i + 1) % 3 === 0 ? 10 : 25));
      const from = sizes.slice(0, -1).reduce((a, b) => a + b, 0);
      return slice(list, from, sizes.at(-1)!);
    });
    const status = await sync.runFull();
    expect(status).toMatchObject({ state: 'idle', seen: 230, confirmedDeleted: 0, keptAfterCheck: 0 });
    expect(accountsAsked).toEqual([]);
    expect(await indexedIds('deleted')).toEqual([]);
  });

  it('counts records the client skipped, and a page of only skipped records does not end the listing', async () => {
    const list = upstreamAccounts(150);
    // Indexed earlier; now StackOne sends it in a shape the client skips: it exists all the same.
    await upsertAccounts(database.db, [upstreamAccount(900)], {});
    const { sync, accountsAsked } = syncOver(list, async (page, size) => {
      if (page === 0) return [];
      if (page === 2)
        return {
          items: [],
          skipped: [
            { index: 0, field: 'status', id: 'acc_00900' },
            { index: 1, field: 'id' },
          ],
        };
      const from = page === 1 ? 0 : (page - 2) * size;
      return { items: slice(list, from, size), skipped: 0 };
    });
    const status = await sync.runFull();
    expect(status).toMatchObject({ state: 'idle', seen: 151, skipped: 2, confirmedDeleted: 0 });
    expect((await runs())[0]).toMatchObject({ skipped: 2 });
    expect(accountsAsked).toEqual([]);
    expect(await indexedIds('deleted')).toEqual([]);
  });
});

describe('accounts missing from a listing', () => {
  it('are each confirmed with GET /accounts/{id}: a 404 is deleted, any other answer keeps the account', async () => {
    const list = upstreamAccounts(5);
    await upsertAccounts(
      database.db,
      [...list, upstreamAccount(6), upstreamAccount(7), upstreamAccount(8)],
      {},
    );
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { sync, accountsAsked } = syncOver(list, undefined, 0, {
      getAccount: async (id) => {
        if (id === 'acc_00006')
          throw new AppError('not_found', 'StackOne answered 404 (GET /accounts/acc_00006)');
        if (id === 'acc_00007') return upstreamAccount(7, { label: 'still here' });
        throw new AppError('upstream_error', 'StackOne answered 500: boom (GET /accounts/acc_00008)');
      },
    });
    const status = await sync.runFull();
    expect(accountsAsked.sort()).toEqual(['acc_00006', 'acc_00007', 'acc_00008']);
    expect(await indexedIds('deleted')).toEqual(['acc_00006']);
    expect(status).toMatchObject({ confirmedDeleted: 1, keptAfterCheck: 2, unconfirmed: 0, warning: null });
    expect((await runs())[0]).toMatchObject({ markedDeleted: 1, keptAfterCheck: 2, unconfirmed: 0 });
    const [labelled] = await database.db
      .select({ label: accounts.label })
      .from(accounts)
      .where(eq(accounts.id, 'acc_00007'));
    expect(labelled!.label).toBe('still here');
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/kept 1 accounts .*acc_00008.*boom/));
  });

  it('are checked up to the cap a run; the rest are kept, counted and reported', async () => {
    const indexed = upstreamAccounts(CONFIRM_CAP + 40);
    await upsertAccounts(database.db, indexed, {});
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    // Every indexed account is gone upstream but one.
    const { sync, accountsAsked } = syncOver([upstreamAccount(1)]);
    const status = await sync.runFull();
    expect(accountsAsked).toHaveLength(CONFIRM_CAP);
    expect(status).toMatchObject({ seen: 1, confirmedDeleted: CONFIRM_CAP, unconfirmed: 39 });
    expect(await indexedIds('deleted')).toHaveLength(CONFIRM_CAP);
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining('kept 39 accounts not listed without checking'),
    );
    // The next run checks the ones left.
    const next = await syncOver([upstreamAccount(1)]).sync.runFull();
    expect(next).toMatchObject({ confirmedDeleted: 39, unconfirmed: 0 });
  });

  it('warn when the listing is far smaller than the index, and none is deleted that StackOne still has', async () => {
    const all = upstreamAccounts(100);
    await upsertAccounts(database.db, all, {});
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    // A listing that lost 90 accounts (a paging we misread, say) while StackOne still has them all.
    const { sync } = syncOver(all, async (page, size) =>
      (page === 1 ? all.slice(0, 10) : page === 0 ? [] : []).slice(0, size),
    );
    const status = await sync.runFull();
    expect(status.warning).toMatch(/listed 10 accounts where the index holds 100: the listing looks wrong/);
    expect(status).toMatchObject({ state: 'idle', confirmedDeleted: 0, keptAfterCheck: 90 });
    expect(await indexedIds('deleted')).toEqual([]);
    expect((await runs())[0]!.warning).toBe(status.warning);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('the listing looks wrong'));
  });
});

describe('StackOne’s rate limit', () => {
  const limited = (seconds: number) =>
    Object.assign(
      new AppError('rate_limited', 'StackOne is rate limiting — StackOne answered 429 (GET /accounts)'),
      {
        retryAfterSeconds: seconds,
      },
    );

  it('is waited out up to the cap, the status saying until when, and the sync goes on', async () => {
    const list = upstreamAccounts(150);
    let refused = false;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { sync, bus } = syncOver(list, async (page, size) => {
      if (page === 2 && !refused) {
        refused = true;
        throw limited(1);
      }
      return list.slice((page - 1) * size, page * size);
    });
    const done = sync.runFull();
    await vi.waitFor(() => expect(sync.status().rateLimitedUntil).toEqual(expect.any(String)), {
      timeout: 20_000,
      interval: 10,
    });
    const until = sync.status().rateLimitedUntil!;
    expect((await runs())[0]!.rateLimitedUntil).not.toBeNull();
    const status = await done;
    expect(status).toMatchObject({ state: 'idle', seen: 150, rateLimitedUntil: null });
    const waiting = bus.events.filter((e) => e.type === 'sync.progress' && e.rateLimitedUntil);
    expect(waiting.map((e) => e.type === 'sync.progress' && e.rateLimitedUntil)).toEqual([until]);
    expect(warn).toHaveBeenCalledWith(`[sync] rate limited by StackOne until ${until}; the sync waits`);
    expect((await runs())[0]!.rateLimitedUntil).toBeNull();
  });

  it('fails the run when StackOne asks for longer than the cap', async () => {
    const { sync } = syncOver(
      [],
      async () => {
        throw limited(60);
      },
      0,
      { retryAfterMaxSeconds: 5 },
    );
    const status = await sync.runFull();
    expect(status).toMatchObject({ state: 'failed', rateLimitedUntil: null });
    // The client's error says how long and why the console did not wait.
    expect(status.error).toBe('StackOne is rate limiting — StackOne answered 429 (GET /accounts)');
  });

  it('is shown while a client that waits it out itself announces it, and cleared when it ends', async () => {
    const list = upstreamAccounts(150);
    const listeners = new Set<(untilIso: string) => void>();
    const stackOne = fakeStackOne(list, async (page, size) => {
      if (page === 2) {
        // The client waits out a 1 s Retry-After itself and announces it.
        const until = new Date(Date.now() + 1000).toISOString();
        for (const l of listeners) l(until);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      return list.slice((page - 1) * size, page * size);
    });
    Object.assign(stackOne.client, {
      onRateLimited: (listener: (untilIso: string) => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    });
    const bus = recordingBus();
    const sync = createAccountSync({ database, stackOne: stackOne.client, bus, intervalSeconds: 0 });
    const status = await sync.runFull();
    expect(status).toMatchObject({ state: 'idle', seen: 150, rateLimitedUntil: null });
    const shown = bus.events.flatMap((e) => (e.type === 'sync.progress' && e.rateLimitedUntil ? [e] : []));
    expect(shown).toHaveLength(1);
    expect(shown[0]!.state).toBe('running');
    expect(listeners.size).toBe(0);
  });

  it('stops the checks of missing accounts rather than fail the run, keeping the rest unconfirmed', async () => {
    await upsertAccounts(database.db, upstreamAccounts(30), {});
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { sync, accountsAsked } = syncOver(upstreamAccounts(20), undefined, 0, {
      retryAfterMaxSeconds: 5,
      getAccount: async () => {
        throw limited(60);
      },
    });
    const status = await sync.runFull();
    expect(status).toMatchObject({ state: 'idle', confirmedDeleted: 0 });
    expect(status.keptAfterCheck! + status.unconfirmed!).toBe(10);
    expect(accountsAsked.length).toBeLessThanOrEqual(5);
    expect(await indexedIds('deleted')).toEqual([]);
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
