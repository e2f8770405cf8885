import { inArray, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markVanished } from '../../../server/accounts-index/mark-vanished.ts';
import { listAccounts } from '../../../server/accounts-index/list-accounts.ts';
import { markAccountDeleted, upsertAccounts } from '../../../server/accounts-index/upsert-accounts.ts';
import { openDatabase, type Database } from '../../../server/db/client.ts';
import { accounts } from '../../../server/db/schema.ts';
import type { UpstreamLinkedAccount } from '../../../server/stackone/upstream-schemas.ts';
import { AccountListQuerySchema } from '../../../shared/schemas/account-filters.ts';
import { freshDatabase, TEST_DATABASES } from '../../support/console.ts';
import { waitUntil } from '../../support/webhook-receiver.ts';

const account = (id: string, extra: Partial<UpstreamLinkedAccount> = {}): UpstreamLinkedAccount => ({
  id,
  provider: 'hibob',
  provider_name: 'HiBob',
  status: 'active',
  origin_owner_id: 'cust_1',
  origin_owner_name: 'Acme',
  type: 'production',
  status_reasons: [{ code: 'ok', description: 'Fine', timestamp: '2024-01-03T00:00:00Z' }],
  created_at: '2024-01-01T00:00:00Z',
  updated_at: '2024-01-02T00:00:00Z',
  ...extra,
});

type Version = { id: string; version: string; syncedAt: string | null; lastEventAt: string | null };

describe.each(TEST_DATABASES)('account index writes on $name', ({ kind }) => {
  let database: Database;
  let drop: () => Promise<void>;
  let fresh: Awaited<ReturnType<typeof freshDatabase>>;
  // A deliberate budget: opening and migrating a database takes seconds on a busy machine.
  beforeAll(async () => {
    fresh = await freshDatabase(kind);
    drop = fresh.drop;
    database = await openDatabase(fresh.config);
  }, 120_000);
  afterAll(async () => {
    await database?.close();
    await drop?.();
  });

  const clear = () => database.db.execute(sql`truncate accounts`);

  /**
   * Each row's physical version and its stamps: ctid and xmin change when the row is rewritten, xmax
   * when it is only locked (which still writes its page and the WAL).
   */
  const versions = async (ids: string[]): Promise<Version[]> => {
    const rows = await database.db
      .select({
        id: accounts.id,
        version: sql<string>`ctid::text || '/' || xmin::text || '/' || xmax::text`,
        syncedAt: accounts.syncedAt,
        lastEventAt: accounts.lastEventAt,
      })
      .from(accounts)
      .where(inArray(accounts.id, ids))
      .orderBy(accounts.id);
    return rows.map((r) => ({
      ...r,
      syncedAt: r.syncedAt && new Date(r.syncedAt).toISOString(),
      lastEventAt: r.lastEventAt && new Date(r.lastEventAt).toISOString(),
    }));
  };

  const T1 = '2025-01-01T00:00:00.000Z';
  const T2 = '2025-01-02T00:00:00.000Z';
  const T3 = '2025-01-03T00:00:00.000Z';

  it('does not rewrite an account a second sync finds unchanged, and rewrites one that changed', async () => {
    await clear();
    const ids = ['acc_a', 'acc_b', 'acc_c'];
    await upsertAccounts(
      database.db,
      ids.map((id) => account(id)),
      { syncedAt: T1 },
    );
    const first = await versions(ids);
    expect(first.map((r) => r.syncedAt)).toEqual([T1, T1, T1]);

    // Same values, reasons' keys in another order (jsonb compares by value): nothing is written.
    const reordered = account('acc_b', {
      status_reasons: [{ timestamp: '2024-01-03T00:00:00Z', description: 'Fine', code: 'ok' }],
    });
    await upsertAccounts(database.db, [account('acc_a'), reordered, account('acc_c')], { syncedAt: T2 });
    expect(await versions(ids)).toEqual(first);

    await upsertAccounts(
      database.db,
      [account('acc_a'), account('acc_b', { label: 'EU' }), account('acc_c')],
      { syncedAt: T3 },
    );
    const third = await versions(ids);
    expect(third[0]).toEqual(first[0]);
    expect(third[2]).toEqual(first[2]);
    expect(third[1]!.version).not.toBe(first[1]!.version);
    expect(third[1]!.syncedAt).toBe(T3);
  });

  it('writes an unchanged account once when a sync first sees it, and revives a deleted one', async () => {
    await clear();
    // Indexed by a live read (no stamp): the first sync that sees it gives it its synced_at.
    await upsertAccounts(database.db, [account('acc_read'), account('acc_gone')], {});
    expect((await versions(['acc_read']))[0]!.syncedAt).toBeNull();
    await upsertAccounts(database.db, [account('acc_read')], { syncedAt: T1 });
    expect((await versions(['acc_read']))[0]!.syncedAt).toBe(T1);

    await markAccountDeleted(database.db, 'acc_gone', T1);
    await upsertAccounts(database.db, [account('acc_gone')], { syncedAt: T2 });
    const [row] = await database.db
      .select()
      .from(accounts)
      .where(inArray(accounts.id, ['acc_gone']));
    expect(row!.deletedAt).toBeNull();
  });

  it("always stamps a webhook's lastEventAt, and keeps it through a sync that finds nothing changed", async () => {
    await clear();
    await upsertAccounts(database.db, [account('acc_w')], { syncedAt: T1 });
    await upsertAccounts(database.db, [account('acc_w')], { lastEventAt: T2 });
    expect(await versions(['acc_w'])).toMatchObject([{ syncedAt: T1, lastEventAt: T2 }]);
    await upsertAccounts(database.db, [account('acc_w')], { syncedAt: T3 });
    expect(await versions(['acc_w'])).toMatchObject([{ syncedAt: T1, lastEventAt: T2 }]);
  });

  it('keeps the newer read when an older one is written after it, by a sync, a live read or a webhook', async () => {
    await clear();
    const newer = { status: 'error', label: 'new', updated_at: '2025-02-02T00:00:00Z' };
    const older = { status: 'active', label: 'old', updated_at: '2025-02-01T00:00:00Z' };
    const ids = ['acc_sync', 'acc_live', 'acc_hook', 'acc_same'];
    await upsertAccounts(
      database.db,
      ids.map((id) => account(id, newer)),
      { lastEventAt: T1 },
    );
    await upsertAccounts(database.db, [account('acc_sync', older)], { syncedAt: T2 });
    await upsertAccounts(database.db, [account('acc_live', older)], {});
    await upsertAccounts(database.db, [account('acc_hook', older)], { lastEventAt: T3 });
    // As new as the stored one: written (its values are StackOne's at that time too).
    await upsertAccounts(database.db, [account('acc_same', { ...newer, label: 'same' })], {});
    const rows = await database.db
      .select({ id: accounts.id, status: accounts.status, label: accounts.label })
      .from(accounts)
      .where(inArray(accounts.id, ids))
      .orderBy(accounts.id);
    expect(rows).toEqual([
      { id: 'acc_hook', status: 'error', label: 'new' },
      { id: 'acc_live', status: 'error', label: 'new' },
      { id: 'acc_same', status: 'error', label: 'same' },
      { id: 'acc_sync', status: 'error', label: 'new' },
    ]);
    // The webhook's stamp is written all the same: an event arrived.
    expect(await versions(['acc_hook', 'acc_sync'])).toMatchObject([
      { lastEventAt: T3, syncedAt: null },
      { lastEventAt: T1, syncedAt: T2 },
    ]);

    // A deletion stays against an older read; a read as new as the stored row revives it.
    await markAccountDeleted(database.db, 'acc_live', T2);
    await upsertAccounts(database.db, [account('acc_live', older)], { syncedAt: T3 });
    const deleted = () =>
      database.db
        .select({ deletedAt: accounts.deletedAt })
        .from(accounts)
        .where(inArray(accounts.id, ['acc_live']));
    expect((await deleted())[0]!.deletedAt).not.toBeNull();
    await upsertAccounts(database.db, [account('acc_live', newer)], { syncedAt: T3 });
    expect((await deleted())[0]!.deletedAt).toBeNull();
  });

  it("bounds the search index's pending list, which every search reads through until it is merged", async () => {
    const result = (await database.db.execute(
      sql`select reloptions from pg_class where relname = 'accounts_search_trgm_idx'`,
    )) as unknown as { rows: { reloptions: string[] | string | null }[] };
    expect(String(result.rows[0]!.reloptions)).toContain('gin_pending_list_limit=512');
  });

  // --- account_facet_counts against a count of the table itself --------------------------------

  const counted = async () => {
    const result = (await database.db.execute(sql`
      select status, provider, type, n::int as n from account_facet_counts where n > 0
      order by status, provider, type nulls first`)) as unknown as { rows: unknown[] };
    return result.rows;
  };
  const bruteForce = async () => {
    const result = (await database.db.execute(sql`
      select status, provider, type, count(*)::int as n from accounts where deleted_at is null
      group by status, provider, type order by status, provider, type nulls first`)) as unknown as {
      rows: unknown[];
    };
    return result.rows;
  };

  const ID = fc.integer({ min: 0, max: 11 }).map((i) => `acc_${String(i).padStart(2, '0')}`);
  const UPSTREAM = fc.record({
    id: ID,
    status: fc.constantFrom('active', 'inactive', 'error'),
    provider: fc.constantFrom('hibob', 'greenhouse'),
    type: fc.constantFrom('production', 'test', null),
    label: fc.constantFrom(null, 'EU', 'US'),
  });
  const STAMP = fc.constantFrom<{ syncedAt?: string; lastEventAt?: string }>(
    { syncedAt: T1 },
    { lastEventAt: T2 },
    {},
  );
  const OP = fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        op: fc.constant('upsert' as const),
        batch: fc.array(UPSTREAM, { maxLength: 6 }),
        stamp: STAMP,
      }),
    },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('markDeleted' as const), id: ID }) },
    {
      weight: 1,
      arbitrary: fc.record({ op: fc.constant('vanish' as const), ids: fc.array(ID, { maxLength: 4 }) }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ op: fc.constant('delete' as const), ids: fc.array(ID, { maxLength: 3 }) }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        op: fc.constant('setStatus' as const),
        ids: fc.array(ID, { maxLength: 4 }),
        status: fc.constantFrom('active', 'error'),
      }),
    },
  );
  type Op = typeof OP extends fc.Arbitrary<infer T> ? T : never;

  const apply = async (op: Op) => {
    const { db } = database;
    switch (op.op) {
      case 'upsert': {
        const unique = [...new Map(op.batch.map((a) => [a.id, account(a.id, a)])).values()];
        await upsertAccounts(db, unique, op.stamp);
        return;
      }
      case 'markDeleted':
        await markAccountDeleted(db, op.id, T3);
        return;
      case 'vanish':
        await markVanished(db, op.ids, '2030-01-01T00:00:00.000Z', T3);
        return;
      case 'delete':
        if (op.ids.length) await db.delete(accounts).where(inArray(accounts.id, op.ids));
        return;
      case 'setStatus':
        if (op.ids.length)
          await db.update(accounts).set({ status: op.status }).where(inArray(accounts.id, op.ids));
        return;
    }
  };

  it('keeps the facet counts exact through inserts, updates, deletes, vanishing and truncation', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(OP, { minLength: 1, maxLength: 12 }), async (ops) => {
        await clear();
        for (const op of ops) {
          await apply(op);
          expect(await counted()).toEqual(await bruteForce());
        }
        // What the list answers without a filter comes from these counts.
        const page = await listAccounts(database.db, AccountListQuerySchema.parse({ pageSize: '200' }));
        expect(page.total).toBe(page.items.length);
      }),
      { numRuns: 25 },
    );
  }, 300_000);

  it('keeps the facet counts exact under concurrent writes', async () => {
    await clear();
    const ops = fc.sample(OP, { numRuns: 60, seed: 42 });
    // On PostgreSQL these run on up to 10 connections at once; PGlite runs them one at a time.
    const failures = (await Promise.allSettled(ops.map((op) => apply(op)))).filter(
      (r) => r.status === 'rejected',
    );
    expect(failures).toEqual([]);
    expect(await counted()).toEqual(await bruteForce());
  }, 120_000);

  it('keeps the facet counts exact, without deadlock, when concurrent upserts insert and change rows across keys', async () => {
    await clear();
    const keys = [
      { status: 'active', provider: 'hibob' },
      { status: 'error', provider: 'workday' },
      { status: 'inactive', provider: 'bamboohr' },
    ];
    const pairs = 40;
    await upsertAccounts(
      database.db,
      Array.from({ length: pairs }, (_, i) => account(`acc_old_${i}`, keys[i % 3])),
      { syncedAt: T1 },
    );
    // Each statement inserts a row under one key and moves an existing row to another (both triggers
    // fire); its neighbour does the crossed pair, so their count keys are taken in opposite orders.
    const statements = Array.from({ length: pairs }, (_, i) => {
      const [a, b] = i % 2 === 0 ? [keys[i % 3]!, keys[(i + 1) % 3]!] : [keys[(i + 1) % 3]!, keys[i % 3]!];
      return upsertAccounts(
        database.db,
        [
          account(`acc_new_${i}`, { ...a, updated_at: '2025-03-01T00:00:00Z' }),
          account(`acc_old_${i}`, { ...b, updated_at: '2025-03-01T00:00:00Z' }),
        ],
        { lastEventAt: T2 },
      );
    });
    const failures = (await Promise.allSettled(statements)).filter((r) => r.status === 'rejected');
    expect(failures).toEqual([]);
    expect(await counted()).toEqual(await bruteForce());
  }, 120_000);

  // PGlite runs one statement at a time: there is nothing to serialise.
  it.skipIf(kind !== 'postgres')(
    'serialises writes to accounts on one advisory lock, taken before any row is locked',
    async () => {
      await clear();
      const other = await openDatabase(fresh.config);
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      try {
        let locked!: () => void;
        const lockTaken = new Promise<void>((resolve) => (locked = resolve));
        const holder = other.db.transaction(async (tx) => {
          await tx.execute(sql`select pg_advisory_xact_lock(7017511360223569007)`);
          locked();
          await held;
        });
        await lockTaken;
        let written = false;
        const write = upsertAccounts(database.db, [account('acc_serial')], {}).then(() => (written = true));
        await waitUntil(
          async () => {
            const result = (await database.db.execute(
              sql`select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted`,
            )) as unknown as { rows: { n: number }[] };
            return result.rows[0]!.n > 0;
          },
          { what: 'the write to wait for the lock', timeoutMs: 30_000 },
        );
        expect(written).toBe(false);
        release();
        await holder;
        await write;
        expect(await counted()).toEqual(await bruteForce());
      } finally {
        release();
        await other.close();
      }
    },
    60_000,
  );
});
