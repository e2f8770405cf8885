import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../server/http/app-error.ts';
import { settleMissing } from '../../../../server/accounts-index/settle-missing.ts';
import { upsertAccounts } from '../../../../server/accounts-index/upsert-accounts.ts';
import { openDatabase, type Database } from '../../../../server/db/client.ts';
import { accounts } from '../../../../server/db/schema.ts';
import { isNotNull } from 'drizzle-orm';
import type { UpstreamLinkedAccount } from '../../../../server/stackone/upstream-schemas.ts';
import { migratedMemoryDatabase } from '../../../support/pglite-template.ts';

const account = (n: number): UpstreamLinkedAccount => ({
  id: `acc_${n}`,
  provider: 'hibob',
  provider_name: 'HiBob',
  status: 'active',
  status_reasons: [],
  origin_owner_id: 'cust',
  origin_owner_name: 'Customer',
  origin_username: null,
  label: null,
  type: 'production',
  created_at: '2024-01-01T00:00:00.000Z',
  updated_at: '2024-01-02T00:00:00.000Z',
});
const upstream = Array.from({ length: 6 }, (_, i) => account(i + 1));

let database: Database;
beforeAll(async () => {
  database = await openDatabase(await migratedMemoryDatabase());
  await upsertAccounts(database.db, upstream, { syncedAt: '2025-01-01T00:00:00.000Z' });
});
afterAll(async () => {
  await database?.close();
});

describe('accounts a listing missed, over the cap', () => {
  it('a later run checks others than the run before, though StackOne still has them all', async () => {
    const asked: string[][] = [];
    const run = async () => {
      const ids: string[] = [];
      asked.push(ids);
      // A listing that missed every account, found unchanged one by one: the upsert rewrites nothing.
      return settleMissing(
        {
          db: database.db,
          stackOne: {
            getAccount: async (id: string) => {
              ids.push(id);
              return upstream.find((a) => a.id === id)!;
            },
          },
          call: (fn) => fn(),
          confirmCap: 2,
        },
        { seenIds: new Set(), pages: 0, firstPage: 0, pageSize: 0, skipped: 0, complete: true, lastPage: 1 },
        { startedAt: new Date().toISOString(), aborted: () => false },
      );
    };
    for (let i = 0; i < 3; i++)
      expect(await run()).toMatchObject({ marked: [], keptAfterCheck: 2, unconfirmed: 4 });
    expect(asked.map((ids) => ids.length)).toEqual([2, 2, 2]);
    expect(new Set(asked.flat()).size).toBe(6);
  });
});

describe('a sync stopped while it checks missing accounts', () => {
  it('asks about no more of them, fails, and marks none deleted', async () => {
    let stopped = false;
    const asked: string[] = [];
    const settling = settleMissing(
      {
        db: database.db,
        stackOne: {
          getAccount: async (id: string) => {
            asked.push(id);
            stopped = true; // the stop comes during the first check
            throw new AppError('not_found', 'StackOne answered 404');
          },
        },
        call: (fn) => fn(),
      },
      { seenIds: new Set(), pages: 0, firstPage: 0, pageSize: 0, skipped: 0, complete: true, lastPage: 1 },
      { startedAt: new Date().toISOString(), aborted: () => stopped },
    );
    await expect(settling).rejects.toThrow(/stopped/);
    expect(asked.length).toBeLessThanOrEqual(5); // the checks already under way, no more
    expect(await database.db.select().from(accounts).where(isNotNull(accounts.deletedAt))).toEqual([]);
  });
});
