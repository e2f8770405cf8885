import { isNotNull } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { accounts, syncRuns } from '../../../server/db/schema.ts';
import {
  startTestConsole,
  TEST_DATABASES,
  type ConsoleClient,
  type SuccessBody,
  type TestConsole,
} from '../../support/console.ts';
import { platformFetch } from '../../support/sandbox.ts';

interface WireAccount {
  id: string;
  status: string;
  label: string | null;
  origin_owner_id: string;
  origin_owner_name: string;
  origin_username: string | null;
  provider: string;
  type: string | null;
}

const SEEDED = 320;

/** Every account, paging the sandbox's platform API directly, as the truth to compare with. */
async function sandboxAccounts(t: TestConsole): Promise<WireAccount[]> {
  const all: WireAccount[] = [];
  for (let page = 1; ; page++) {
    const res = await platformFetch(t.sandbox, `/accounts?page=${page}&page_size=100`);
    expect(res.status).toBe(200);
    const items = (await res.json()) as WireAccount[];
    all.push(...items);
    if (items.length < 100) return all;
  }
}

type AccountList = SuccessBody<ConsoleClient['accounts']['$get']>;

/** Every listed account, paging `GET /api/accounts`. */
async function consoleAccounts(t: TestConsole, query = ''): Promise<AccountList['items']> {
  const all: AccountList['items'] = [];
  for (let page = 1; ; page++) {
    const res = await t.api(`/api/accounts?pageSize=200&page=${page}&sort=createdAt&order=asc${query}`);
    expect(res.status).toBe(200);
    const body: AccountList = await res.json();
    all.push(...body.items);
    if (body.items.length < 200) return all;
  }
}

const byId = <T extends { id: string }>(list: T[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : 1));

describe.each(TEST_DATABASES)('the account sync on $name', ({ kind }) => {
  let t: TestConsole;

  beforeAll(async () => {
    t = await startTestConsole({
      database: kind,
      autoSync: false,
      // Without webhooks, only the sync can tell the index about upstream changes.
      sandbox: { accounts: SEEDED, webhookUrls: [], rateLimitPerMinute: 100_000 },
    });
  });
  afterEach(async () => {
    await platformFetch(t.sandbox, '/_sandbox/faults', { method: 'DELETE' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const sync = () => t.console.deps.sync.runFull();
  const list = async (query = ''): Promise<AccountList> => (await t.api(`/api/accounts${query}`)).json();

  it('indexes exactly the accounts the sandbox lists, across several pages', async () => {
    const status = await sync();
    expect(status).toMatchObject({ state: 'idle', seen: SEEDED, pages: 4, total: SEEDED, error: null });

    const truth = byId(await sandboxAccounts(t)).map((a) => ({
      id: a.id,
      status: a.status,
      label: a.label,
      originOwnerId: a.origin_owner_id,
      originOwnerName: a.origin_owner_name,
      originUsername: a.origin_username,
      provider: a.provider,
      type: a.type,
    }));
    const indexed = byId(await consoleAccounts(t)).map((a) => ({
      id: a.id,
      status: a.status,
      label: a.label,
      originOwnerId: a.originOwnerId,
      originOwnerName: a.originOwnerName,
      originUsername: a.originUsername,
      provider: a.provider,
      type: a.type,
    }));
    expect(truth).toHaveLength(SEEDED);
    expect(indexed).toEqual(truth);

    const body = await list();
    expect(body.total).toBe(SEEDED);
    expect(body.syncedAt).toBe(status.finishedAt);
    expect(body.sync).toMatchObject({ state: 'idle', seen: SEEDED, pages: 4, total: SEEDED });
  });

  it('marks an account deleted upstream as deleted on the next sync and drops it from the list', async () => {
    const before = await sync();
    const [victim] = await sandboxAccounts(t);
    const deleted = await platformFetch(t.sandbox, `/accounts/${victim!.id}`, { method: 'DELETE' });
    expect(deleted.status).toBe(200);

    const status = await sync();
    expect(status).toMatchObject({ state: 'idle', seen: before.seen - 1 });

    const [row] = await t.console.deps.database.db
      .select({ id: accounts.id })
      .from(accounts)
      .where(isNotNull(accounts.deletedAt));
    expect(row).toEqual({ id: victim!.id });
    expect((await list(`?q=${victim!.id}`)).total).toBe(0);
    expect((await list()).total).toBe(before.seen - 1);
    const runs = await t.console.deps.database.db.select().from(syncRuns).orderBy(syncRuns.id);
    expect(runs.at(-1)).toMatchObject({ state: 'succeeded', markedDeleted: 1 });
  });

  it('marks nothing deleted when the sync fails, and reports the failure', async () => {
    const before = await sync();
    const [victim] = await sandboxAccounts(t);
    await platformFetch(t.sandbox, `/accounts/${victim!.id}`, { method: 'DELETE' });
    const fault = await platformFetch(t.sandbox, '/_sandbox/faults', {
      method: 'POST',
      body: JSON.stringify({ path: '/accounts', method: 'GET', status: 503 }),
    });
    expect(fault.status).toBe(201);

    const status = await sync();
    expect(status.state).toBe('failed');
    expect(status.error).toMatch(/^StackOne answered 503: Service Unavailable \(GET \/accounts\)$/);

    const body = await list(`?q=${victim!.id}`);
    expect(body.total).toBe(1);
    expect(body.items[0]?.deletedAt).toBeNull();
    expect(body.sync).toMatchObject({ state: 'failed', error: status.error });
    expect(body.syncedAt).toBe(before.finishedAt);
  });
});
