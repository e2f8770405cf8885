import { readFileSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertAccounts } from '../../../../server/accounts-index/upsert-accounts.ts';
import { searchTextOf } from '../../../../server/accounts-index/search-text.ts';
import { openDatabase, type Database } from '../../../../server/db/client.ts';
import { accounts } from '../../../../server/db/schema.ts';
import type { UpstreamLinkedAccount } from '../../../../server/stackone/upstream-schemas.ts';
import { migratedMemoryDatabase } from '../../../support/pglite-template.ts';

// The backfill of migration 0010: its last statement.
const backfill = readFileSync(
  new URL('../../../../server/db/migrations/0010_reason_search.sql', import.meta.url),
  'utf8',
)
  .split('--> statement-breakpoint')
  .at(-1)!;

const base = {
  provider: 'hibob',
  provider_name: 'HiBob',
  origin_owner_id: 'cust_1',
  origin_owner_name: 'Société Générale',
  created_at: '2024-01-01T00:00:00Z',
  updated_at: '2024-01-01T00:00:00Z',
};
const rows: UpstreamLinkedAccount[] = [
  { ...base, id: 'acc_none', status: 'active', status_reasons: [] },
  {
    ...base,
    id: 'acc_two',
    status: 'error',
    status_reasons: [
      { code: 'Token_Expired', description: 'x', timestamp: '2024-01-02T00:00:00Z' },
      { code: null, description: 'no code', timestamp: '2024-01-02T00:00:00Z' },
      { code: 'access_revoked', description: null, timestamp: '2024-01-01T00:00:00Z' },
    ],
  },
];

describe('migration 0010 (status-reason codes in search_text)', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase(await migratedMemoryDatabase());
    await upsertAccounts(database.db, rows, {});
  });
  afterAll(async () => {
    await database?.close();
  });

  it('gives the rows written before it the search text the writer now builds', async () => {
    const { db } = database;
    const before = await db.select().from(accounts);
    // As the writer built it before: without the codes.
    for (const row of before)
      await db
        .update(accounts)
        .set({ searchText: searchTextOf({ ...row, statusReasons: [] }) })
        .where(eq(accounts.id, row.id));
    await db.execute(sql.raw(backfill));
    const after = await db.select().from(accounts);
    expect(after.length).toBe(2);
    for (const row of after) expect(row.searchText, row.id).toBe(searchTextOf(row));
    expect(after.find((r) => r.id === 'acc_two')!.searchText).toContain('token_expired');
  });
});
