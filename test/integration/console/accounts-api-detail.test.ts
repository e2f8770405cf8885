import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestConsole,
  TEST_DATABASES,
  type ConsoleClient,
  type SuccessBody,
  type TestConsole,
} from '../../support/console.ts';
import { platformFetch } from '../../support/sandbox.ts';
import { eq } from 'drizzle-orm';
import { accounts } from '../../../server/db/schema.ts';

interface WireAccount {
  id: string;
  status: string;
  label: string | null;
  provider: string;
  origin_owner_id: string;
  origin_owner_name: string;
  updated_at: string;
}

describe.each(TEST_DATABASES)('one account through /api/accounts/:id on $name', ({ kind }) => {
  let t: TestConsole;
  let seeded: WireAccount[];
  let next = 0;
  /** A different seeded account for each test, so that tests do not see each other's changes. */
  const anAccount = () => seeded[next++]!;

  beforeAll(async () => {
    t = await startTestConsole({
      database: kind,
      autoSync: false,
      sandbox: { accounts: 40, webhookUrls: [], rateLimitPerMinute: 100_000 },
    });
    await t.console.deps.sync.runFull();
    seeded = (await (await platformFetch(t.sandbox, '/accounts?page_size=100')).json()) as WireAccount[];
  });
  afterEach(async () => {
    await platformFetch(t.sandbox, '/_sandbox/faults', { method: 'DELETE' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const upstream = async (id: string) => platformFetch(t.sandbox, `/accounts/${id}`);
  const detail = async (id: string) => {
    const res = await t.client.accounts[':id'].$get({ param: { id } });
    return { status: res.status, body: await res.json() };
  };
  const search = async (q: string): Promise<SuccessBody<ConsoleClient['accounts']['$get']>> =>
    (await t.api(`/api/accounts?q=${encodeURIComponent(q)}`)).json();
  const addFault = async (rule: Record<string, unknown>) => {
    const res = await platformFetch(t.sandbox, '/_sandbox/faults', {
      method: 'POST',
      body: JSON.stringify(rule),
    });
    expect(res.status).toBe(201);
  };

  describe('GET', () => {
    it('answers the live account with its meta and timeline', async () => {
      const account = anAccount();
      const { status, body } = await detail(account.id);
      expect(status).toBe(200);
      expect(body.stale).toBe(false);
      expect(body.staleReason).toBeNull();
      expect(body.account).toMatchObject({
        id: account.id,
        status: account.status,
        label: account.label,
        provider: account.provider,
        originOwnerId: account.origin_owner_id,
        originOwnerName: account.origin_owner_name,
        deletedAt: null,
      });
      expect(body.meta).toMatchObject({ provider: account.provider, category: expect.any(String) });
      expect(Object.keys(body.meta!.models).length).toBeGreaterThan(0);
      expect(body.timeline).toEqual(expect.any(Array));
    });

    it('refreshes the indexed copy from StackOne', async () => {
      const account = anAccount();
      await platformFetch(t.sandbox, `/accounts/${account.id}`, {
        method: 'PATCH',
        body: JSON.stringify({ label: 'Changed behind our back' }),
      });
      expect((await search('changed behind')).total).toBe(0);
      expect((await detail(account.id)).body.account.label).toBe('Changed behind our back');
      expect((await search('changed behind')).items.map((a) => a.id)).toEqual([account.id]);
    });

    it('answers 404 with a clean error body for an unknown id', async () => {
      const { status, body } = await detail('00000000000000000000');
      expect(status).toBe(404);
      expect(body).toEqual({
        error: {
          code: 'not_found',
          message: 'No account with id 00000000000000000000',
          upstream: { status: 404, requestId: expect.toSatisfy((v) => v === null || typeof v === 'string') },
        },
      });
    });

    it('answers the indexed copy marked stale when StackOne fails', async () => {
      const account = anAccount();
      await addFault({ path: `/accounts/${account.id}`, status: 503 });
      const { status, body } = await detail(account.id);
      expect(status).toBe(200);
      expect(body.stale).toBe(true);
      expect(body.staleReason).toBe(
        `StackOne answered 503: Service Unavailable (GET /accounts/${account.id})`,
      );
      expect(body.account).toMatchObject({ id: account.id, status: account.status, label: account.label });
      expect(body.meta).toBeNull();
    });

    it('dates the stale copy by the last sync that confirmed it, not the one that last changed it', async () => {
      const account = anAccount();
      const [before] = await t.console.deps.database.db
        .select({ syncedAt: accounts.syncedAt })
        .from(accounts)
        .where(eq(accounts.id, account.id));
      // A later sync lists the account unchanged: its row is not rewritten.
      expect(await t.console.deps.sync.runFull()).toMatchObject({ state: 'idle', error: null });
      const confirmedAt = await t.console.deps.sync.syncedAt();
      await addFault({ path: `/accounts/${account.id}`, status: 503 });
      const { body } = await detail(account.id);
      expect(body.stale).toBe(true);
      expect(new Date(before!.syncedAt!).getTime()).toBeLessThan(new Date(confirmedAt!).getTime());
      expect(body.account.syncedAt).toBe(confirmedAt);
    });
  });

  describe('PATCH', () => {
    it('sets the label upstream and in the index, and records it in the timeline', async () => {
      const account = anAccount();
      const res = await t.client.accounts[':id'].$patch({
        param: { id: account.id },
        json: { label: '  Payroll (EU)  ' },
      });
      expect(res.status).toBe(200);
      expect((await res.json()).label).toBe('Payroll (EU)');
      expect(((await (await upstream(account.id)).json()) as WireAccount).label).toBe('Payroll (EU)');
      expect((await search('payroll (eu)')).items.map((a) => a.id)).toEqual([account.id]);
      const { body } = await detail(account.id);
      expect(body.timeline).toContainEqual(
        expect.objectContaining({ kind: 'audit', action: 'account.label_updated', outcome: 'success' }),
      );
    });

    it('clears the label with null', async () => {
      const account = seeded.find((a, i) => i >= next && a.label !== null) ?? anAccount();
      const res = await t.client.accounts[':id'].$patch({ param: { id: account.id }, json: { label: null } });
      expect(res.status).toBe(200);
      expect((await res.json()).label).toBeNull();
      expect(((await (await upstream(account.id)).json()) as WireAccount).label).toBeNull();
    });

    it('answers 404 for an unknown id', async () => {
      const res = await t.client.accounts[':id'].$patch({
        param: { id: '00000000000000000000' },
        json: { label: 'x' },
      });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: 'not_found', upstream: { status: 404 } } });
    });
  });

  describe('DELETE', () => {
    it('deletes the account upstream and keeps it in the index marked deleted', async () => {
      const account = anAccount();
      const res = await t.client.accounts[':id'].$delete({ param: { id: account.id } });
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body).toMatchObject({ id: account.id, deletedAt: expect.any(String) });
      expect((await upstream(account.id)).status).toBe(404);
      expect((await search(account.id)).total).toBe(0);
      // The deleted account stays readable, marked deleted, with its history (the delete itself).
      const after = await detail(account.id);
      expect(after.status).toBe(200);
      if (after.status !== 200) return;
      expect(after.body.account).toMatchObject({ id: account.id, deletedAt: expect.any(String) });
      expect(after.body.stale).toBe(false);
      expect(after.body.timeline.map((e) => e.action)).toContain('account.deleted');
    });

    it('answers a deleted account that StackOne no longer has from the index, marked deleted', async () => {
      const account = anAccount();
      expect((await detail(account.id)).status).toBe(200);
      await platformFetch(t.sandbox, `/accounts/${account.id}`, { method: 'DELETE' });
      const after = await detail(account.id);
      expect(after.status).toBe(200);
      if (after.status !== 200) return;
      expect(after.body.account).toMatchObject({ id: account.id, deletedAt: expect.any(String) });
      expect((await search(account.id)).total).toBe(0);
    });
  });

  describe('GET /logs', () => {
    it('pages through the account’s StackOne request logs with next', async () => {
      // An account in error has a few successful calls and then failing ones.
      const account = seeded.findLast((a) => a.status === 'error')!;
      const upstreamLogs = (await (
        await platformFetch(t.sandbox, `/requests/logs?account_ids=${account.id}&page_size=100`)
      ).json()) as { data: { request_id: string }[] };
      expect(upstreamLogs.data.length).toBeGreaterThanOrEqual(2);

      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await t.client.accounts[':id'].logs.$get({
          param: { id: account.id },
          query: { pageSize: '1', ...(cursor ? { next: cursor } : {}) },
        });
        expect(res.status).toBe(200);
        const page = await res.json();
        expect(page.items.length).toBeLessThanOrEqual(1);
        seen.push(...page.items.map((l) => l.requestId ?? ''));
        cursor = page.next;
      } while (cursor && seen.length < 50);
      expect(seen).toEqual(upstreamLogs.data.map((l) => l.request_id));
    });

    it('answers each log with its method, status and time', async () => {
      const account = seeded[seeded.length - 2]!;
      const page: SuccessBody<ConsoleClient['accounts'][':id']['logs']['$get']> = await (
        await t.api(`/api/accounts/${account.id}/logs`)
      ).json();
      expect(page.items.length).toBeGreaterThan(0);
      expect(page.items[0]).toMatchObject({
        requestId: expect.any(String),
        at: expect.any(String),
        method: expect.stringMatching(/^[A-Z]+$/),
        status: expect.any(Number),
      });
    });
  });
});
