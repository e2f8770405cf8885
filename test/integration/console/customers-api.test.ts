import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountListResponse } from '../../../shared/schemas/account-filters.ts';
import type { CustomerListResponse } from '../../../shared/schemas/customers.ts';
import { startTestConsole, TEST_DATABASES, type TestConsole } from '../../support/console.ts';
import { platformFetch } from '../../support/sandbox.ts';

interface WireAccount {
  id: string;
  status: string;
  origin_owner_id: string;
  origin_owner_name: string;
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

describe.each(TEST_DATABASES)('GET /api/customers on $name', ({ kind }) => {
  let t: TestConsole;
  let upstream: WireAccount[];

  beforeAll(async () => {
    t = await startTestConsole({
      database: kind,
      autoSync: false,
      sandbox: { accounts: 80, webhookUrls: [] },
    });
    await t.console.deps.sync.runFull();
    upstream = (await (await platformFetch(t.sandbox, '/accounts?page_size=100')).json()) as WireAccount[];
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = async <T>(path: string): Promise<T> => {
    const res = await t.api(path);
    expect(res.status, path).toBe(200);
    return (await res.json()) as T;
  };

  it('lists every owner once, with counts by status that agree with /api/accounts facets', async () => {
    const page = await get<CustomerListResponse>('/api/customers?pageSize=200');
    const owners = new Set(upstream.map((a) => a.origin_owner_id));
    expect(page.total).toBe(owners.size);
    expect(page.items.map((c) => c.ownerId).sort()).toEqual([...owners].sort());
    expect(page.items.length).toBeGreaterThan(3);
    for (const customer of page.items) {
      const list = await get<AccountListResponse>(
        `/api/accounts?ownerId=${encodeURIComponent(customer.ownerId)}&pageSize=1`,
      );
      expect(customer.byStatus, customer.ownerId).toEqual(list.facets.status);
      expect(customer.accounts).toBe(list.total);
    }
  });

  it('pages without overlap or gaps', async () => {
    const all = await get<CustomerListResponse>('/api/customers?pageSize=200');
    const first = await get<CustomerListResponse>('/api/customers?pageSize=3&page=1');
    const second = await get<CustomerListResponse>('/api/customers?pageSize=3&page=2');
    expect(first.total).toBe(all.total);
    expect([...first.items, ...second.items].map((c) => c.ownerId)).toEqual(
      all.items.slice(0, 6).map((c) => c.ownerId),
    );
  });

  it('finds customers by part of their name or id, with all of their accounts counted', async () => {
    const target = upstream[0]!;
    const q = target.origin_owner_name.slice(1, 5);
    const page = await get<CustomerListResponse>(`/api/customers?q=${encodeURIComponent(q)}&pageSize=200`);
    const expected = new Set(
      upstream
        .filter(
          (a) => fold(a.origin_owner_name).includes(fold(q)) || fold(a.origin_owner_id).includes(fold(q)),
        )
        .map((a) => a.origin_owner_id),
    );
    expect(page.items.map((c) => c.ownerId).sort()).toEqual([...expected].sort());
    const hit = page.items.find((c) => c.ownerId === target.origin_owner_id)!;
    expect(hit.accounts).toBe(upstream.filter((a) => a.origin_owner_id === target.origin_owner_id).length);

    const byId = await get<CustomerListResponse>(
      `/api/customers?q=${encodeURIComponent(target.origin_owner_id)}`,
    );
    expect(byId.items.map((c) => c.ownerId)).toContain(target.origin_owner_id);
    // A provider name is in the search text of accounts, but it is not a customer's name.
    const none = await get<CustomerListResponse>('/api/customers?q=zz-no-such-customer');
    expect(none).toMatchObject({ items: [], total: 0 });
  });

  it('refuses a bad page with 400', async () => {
    const res = await t.api('/api/customers?page=0');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('bad_request');
  });
});
