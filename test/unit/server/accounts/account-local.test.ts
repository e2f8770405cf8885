import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLocalAccount } from '../../../../server/accounts/account-local.ts';
import { accountView } from '../../../../server/accounts-index/account-row.ts';
import { openDatabase, type Database } from '../../../../server/db/client.ts';
import { accounts, auditLog, webhookEvents } from '../../../../server/db/schema.ts';
import { migratedMemoryDatabase } from '../../../support/pglite-template.ts';

describe('readLocalAccount', () => {
  let database: Database;
  const at = (minute: number) => `2026-11-30T10:${String(minute).padStart(2, '0')}:00.000Z`;

  beforeAll(async () => {
    database = await openDatabase(await migratedMemoryDatabase());
    await database.db.insert(accounts).values({
      id: 'acc_local',
      provider: 'hibob',
      providerName: 'HiBob',
      status: 'error',
      statusReasons: [{ code: 'token_expired', description: 'Café ✓', timestamp: at(1) }],
      originOwnerId: 'cust_1',
      originOwnerName: 'Ünïcode Ltd',
      originUsername: null,
      label: 'Main',
      type: 'production',
      createdAt: at(0),
      updatedAt: at(2),
      syncedAt: at(3),
      lastEventAt: null,
      searchText: 'unicode ltd',
    });
    await database.db.insert(webhookEvents).values([
      {
        bodyHash: 'h1',
        event: 'account.updated',
        accountId: 'acc_local',
        payload: { n: 1 },
        receivedAt: at(4),
      },
      {
        bodyHash: 'h2',
        event: 'account.created',
        accountId: 'acc_local',
        payload: { n: 2 },
        receivedAt: at(1),
      },
      { bodyHash: 'h3', event: 'account.updated', accountId: 'acc_other', payload: {}, receivedAt: at(5) },
    ]);
    await database.db.insert(auditLog).values({
      action: 'account.label_updated',
      targetType: 'account',
      targetId: 'acc_local',
      actorEmail: 'admin@switchboard.test',
      outcome: 'success',
      summary: { label: 'Main' },
      at: at(3),
    });
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });

  it('answers the row drizzle reads, column for column', async () => {
    const [row] = await database.db.select().from(accounts).where(eq(accounts.id, 'acc_local'));
    const local = await readLocalAccount(database.db, 'acc_local');
    expect(Object.keys(local!.row).sort()).toEqual(Object.keys(row!).sort());
    expect(accountView(local!.row)).toEqual(accountView(row!));
    expect(local!.row.searchText).toBe(row!.searchText);
  });

  it('answers the account’s own webhook events and audit rows, newest first', async () => {
    const local = await readLocalAccount(database.db, 'acc_local');
    expect(local!.timeline.map((e) => [e.kind, e.action, e.at])).toEqual([
      ['webhook', 'account.updated', at(4)],
      ['audit', 'account.label_updated', at(3)],
      ['webhook', 'account.created', at(1)],
    ]);
    expect(local!.timeline[1]).toMatchObject({ actor: 'admin@switchboard.test', detail: { label: 'Main' } });
  });

  it('answers null for an account that is not indexed', async () => {
    expect(await readLocalAccount(database.db, 'acc_missing')).toBeNull();
  });
});
