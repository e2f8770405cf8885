import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAccountSync } from '../../../../server/accounts-index/account-sync.ts';
import { syncFailureMessage } from '../../../../server/accounts-index/sync-failure.ts';
import { openDatabase, type Database } from '../../../../server/db/client.ts';
import { syncRuns } from '../../../../server/db/schema.ts';
import type { EventBus } from '../../../../server/events/event-bus.ts';
import { AppError } from '../../../../server/http/app-error.ts';
import type { StackOneClient } from '../../../../server/stackone/stackone-client.ts';
import type { UpstreamLinkedAccount } from '../../../../server/stackone/upstream-schemas.ts';
import { migratedMemoryDatabase } from '../../../support/pglite-template.ts';

const account = (n: number): UpstreamLinkedAccount => ({
  id: `acc_${n}`,
  provider: 'hibob',
  provider_name: 'HiBob',
  status: 'active',
  status_reasons: [],
  origin_owner_id: `cust_${n}`,
  origin_owner_name: `Customer Secretname ${n}`,
  origin_username: `person${n}@customer.example`,
  label: null,
  type: 'production',
  created_at: '2024-01-01T00:00:00.000Z',
  updated_at: '2024-01-02T00:00:00.000Z',
});

const quietBus: EventBus = {
  publish: async () => {},
  subscribe: () => () => {},
  since: () => [],
  close: async () => {},
};

let database: Database;

// PGlite starts slowly on a busy machine: a deliberate budget for the set-up, not the test's.
beforeAll(async () => {
  database = await openDatabase(await migratedMemoryDatabase());
}, 120_000);
afterAll(async () => {
  await database?.close();
});

describe('a failed sync', () => {
  it('records and shows a short message for a database error, the statement and values only in the log', async () => {
    // The page write fails as a real one can, after the statement reached the database.
    await database.db.execute(sql`
      create function refuse_accounts() returns trigger language plpgsql as
        $$ begin raise exception 'refused by the test'; end $$`);
    await database.db.execute(sql`
      create trigger refuse_accounts before insert on accounts
        for each row execute function refuse_accounts()`);
    const stackOne = {
      listAccounts: async ({ page }: { page: number }) =>
        page === 1 ? Array.from({ length: 20 }, (_, i) => account(i)) : [],
    } as unknown as StackOneClient;
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const sync = createAccountSync({ database, stackOne, bus: quietBus, intervalSeconds: 0 });
      const status = await sync.runFull();

      const shown = 'A database error stopped the sync (details in the server log)';
      expect(status).toMatchObject({ state: 'failed', error: shown });
      const [run] = await database.db.select().from(syncRuns);
      expect(run).toMatchObject({ state: 'failed', error: shown });
      const logged = String(error.mock.calls.find((call) => call[0] === '[sync] full sync failed')?.[1]);
      expect(logged).toMatch(/insert into "accounts"/);
      expect(logged).toContain('Customer Secretname 3');
    } finally {
      error.mockRestore();
      await database.db.execute(sql`drop trigger refuse_accounts on accounts`);
    }
  });

  it('keeps the message of an upstream failure, which says what StackOne answered', () => {
    const message = 'StackOne answered 503: Service Unavailable (GET /accounts)';
    expect(syncFailureMessage(new AppError('upstream_unavailable', message))).toBe(message);
  });

  it('names any other failure without its detail', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const err = new TypeError("Cannot read properties of undefined (reading 'Customer Secretname')");
      expect(syncFailureMessage(err)).toBe('An internal error stopped the sync (details in the server log)');
      expect(error).toHaveBeenCalledWith('[sync] full sync failed', err);
    } finally {
      error.mockRestore();
    }
  });
});
