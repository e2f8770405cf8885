import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { upsertAccounts } from '../../../../server/accounts-index/upsert-accounts.ts';
import { openDatabase, type Database, type Db } from '../../../../server/db/client.ts';
import { accounts } from '../../../../server/db/schema.ts';
import type { UpstreamLinkedAccount } from '../../../../server/stackone/upstream-schemas.ts';
import { migratedMemoryDatabase } from '../../../support/pglite-template.ts';

const account = (id: string, extra: Partial<UpstreamLinkedAccount> = {}): UpstreamLinkedAccount => ({
  id,
  provider: 'hibob',
  provider_name: 'HiBob',
  status: 'active',
  origin_owner_id: 'cust_1',
  origin_owner_name: 'Acme',
  created_at: '2024-01-01T00:00:00Z',
  updated_at: '2024-01-02T00:00:00Z',
  ...extra,
});

describe('upsertAccounts with records Postgres cannot store as sent', () => {
  let database: Database;
  // A deliberate budget: PGlite's start and migrations take seconds on a busy machine.
  beforeAll(async () => {
    database = await openDatabase(await migratedMemoryDatabase());
  }, 60_000);
  afterAll(async () => {
    await database?.close();
  });

  const rows = (ids: string[]) =>
    database.db.select().from(accounts).where(inArray(accounts.id, ids)).orderBy(accounts.id);

  it('stores a lone surrogate as U+FFFD and drops NUL, in text and in the status reasons', async () => {
    const broken = account('acc_surrogate', {
      status: 'error',
      origin_owner_name: 'Caf\u0000\u00e9',
      label: 'EU\ud83d',
      status_reasons: [
        { code: 'token_expired', description: 'caf\ud83d', timestamp: '2024-01-03T00:00:00Z' },
      ],
    });
    expect(
      (await upsertAccounts(database.db, [account('acc_before'), broken, account('acc_after')], {})).skipped,
    ).toEqual([]);
    const [stored] = await database.db.select().from(accounts).where(eq(accounts.id, 'acc_surrogate'));
    expect(stored).toMatchObject({
      originOwnerName: 'Caf\u00e9',
      label: 'EU\ufffd',
      statusReasons: [{ code: 'token_expired', description: 'caf\ufffd' }],
    });
    expect((await rows(['acc_after', 'acc_before'])).map((r) => r.id)).toEqual(['acc_after', 'acc_before']);
  });

  it('writes the rest of a chunk when the database refuses one record, and logs its id', async () => {
    // A NUL in the id: the one field that is not rewritten (it must match StackOne's), so Postgres refuses it.
    const badId = 'acc_bad\u0000id';
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const { skipped } = await upsertAccounts(
        database.db,
        [account('acc_page_1'), account(badId), account('acc_page_3')],
        { syncedAt: '2024-02-01T00:00:00.000Z' },
      );
      expect(skipped).toEqual([badId]);
      expect(logged).toHaveBeenCalledTimes(1);
      expect(String(logged.mock.calls[0]![0])).toContain(badId);
    } finally {
      logged.mockRestore();
    }
    const written = await rows(['acc_page_1', 'acc_page_3']);
    expect(written.map((r) => [r.id, r.syncedAt && new Date(r.syncedAt).toISOString()])).toEqual([
      ['acc_page_1', '2024-02-01T00:00:00.000Z'],
      ['acc_page_3', '2024-02-01T00:00:00.000Z'],
    ]);
  });

  it('still fails when the database itself does not answer', async () => {
    const lost = () => Promise.reject(new Error('Connection terminated unexpectedly'));
    const unreachable = {
      insert: () => ({ values: () => ({ onConflictDoUpdate: lost }) }),
      execute: lost,
      transaction: lost,
    } as unknown as Db;
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      await expect(upsertAccounts(unreachable, [account('acc_x'), account('acc_y')], {})).rejects.toThrow(
        'Connection terminated',
      );
      expect(logged).not.toHaveBeenCalled();
    } finally {
      logged.mockRestore();
    }
  });
});
