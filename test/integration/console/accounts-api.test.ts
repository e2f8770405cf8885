import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountSort } from '../../../shared/schemas/account-filters.ts';
import type { Account } from '../../../shared/schemas/account.ts';
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
  provider_name: string | null;
  type: string | null;
}

/** An oracle written from the spec: lower-case, accents stripped, substring of any searchable field. */
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
const matchesQ = (a: WireAccount, q: string) =>
  [
    a.id,
    a.origin_owner_id,
    a.origin_owner_name,
    a.origin_username,
    a.label,
    a.provider,
    a.provider_name,
  ].some((v) => v !== null && fold(v).includes(fold(q)));

const count = (list: WireAccount[], key: (a: WireAccount) => string | null) => {
  const out: Record<string, number> = {};
  for (const a of list) out[key(a) ?? 'unknown'] = (out[key(a) ?? 'unknown'] ?? 0) + 1;
  return out;
};
const ids = (list: { id: string }[]) => list.map((a) => a.id).sort();

describe.each(TEST_DATABASES)('GET /api/accounts on $name', ({ kind }) => {
  let t: TestConsole;
  let truth: WireAccount[];

  beforeAll(async () => {
    t = await startTestConsole({
      database: kind,
      autoSync: false,
      sandbox: { accounts: 300, webhookUrls: [], rateLimitPerMinute: 100_000 },
    });
    expect((await t.console.deps.sync.runFull()).state).toBe('idle');
    truth = [];
    for (let page = 1; ; page++) {
      const items = (await (
        await platformFetch(t.sandbox, `/accounts?page=${page}&page_size=100`)
      ).json()) as WireAccount[];
      truth.push(...items);
      if (items.length < 100) break;
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  const list = async (query: string): Promise<SuccessBody<ConsoleClient['accounts']['$get']>> => {
    const res = await t.api(`/api/accounts?${query}`);
    expect(res.status).toBe(200);
    return res.json();
  };
  /** Every match, following the pages. */
  const all = async (query: string): Promise<Account[]> => {
    const items: Account[] = [];
    for (let page = 1; ; page++) {
      const body = await list(`${query}&pageSize=200&page=${page}`);
      items.push(...body.items);
      if (items.length >= body.total) return items;
    }
  };

  describe('search', () => {
    it('finds an account by part of its id, owner id, owner name, username, label or provider', async () => {
      const target = truth.find((a) => a.label && a.origin_username)!;
      const fragments = {
        id: target.id.slice(3, 15),
        ownerId: target.origin_owner_id,
        ownerName: target.origin_owner_name.slice(1, 6),
        username: target.origin_username!.split('@')[0]!,
        label: target.label!,
        provider: target.provider,
      };
      for (const [field, q] of Object.entries(fragments)) {
        const found = await all(`q=${encodeURIComponent(q)}`);
        expect(ids(found), `q=${q} (${field})`).toContain(target.id);
        expect(ids(found), `q=${q} (${field})`).toEqual(ids(truth.filter((a) => matchesQ(a, q))));
      }
    });

    it.each(['societe', 'MULLER', 'Lumi', 'müll', 'ZURICH', 'ñandú'])(
      'matches %s regardless of case and accents',
      async (q) => {
        const expected = truth.filter((a) => matchesQ(a, q));
        expect(expected.length).toBeGreaterThan(0);
        const body = await list(`q=${encodeURIComponent(q)}&pageSize=200`);
        expect(body.total).toBe(expected.length);
        expect(ids(body.items)).toEqual(ids(expected));
      },
    );

    it('treats LIKE wildcards in the search text as plain characters', async () => {
      expect((await list('q=%25')).total).toBe(0);
      expect((await list('q=_')).total).toBe(truth.filter((a) => matchesQ(a, '_')).length);
    });
  });

  describe('filters', () => {
    it('filters by status, with the values repeated or comma-separated', async () => {
      const expected = ids(truth.filter((a) => a.status === 'active' || a.status === 'error'));
      expect(ids(await all('status=active&status=error'))).toEqual(expected);
      expect(ids(await all('status=active,error'))).toEqual(expected);
    });

    it('filters by provider, type and owner, all at once', async () => {
      const [p1, p2] = Object.keys(count(truth, (a) => a.provider));
      const owner = truth.find((a) => a.provider === p1)!.origin_owner_id;
      const expected = truth.filter(
        (a) =>
          (a.provider === p1 || a.provider === p2) && a.type === 'production' && a.origin_owner_id === owner,
      );
      expect(expected.length).toBeGreaterThan(0);
      expect(ids(await all(`provider=${p1},${p2}&type=production&ownerId=${owner}`))).toEqual(ids(expected));
      const byType = truth.filter((a) => a.type === 'test');
      expect(ids(await all('type=test'))).toEqual(ids(byType));
    });

    it('counts each facet under every filter but its own', async () => {
      const provider = truth.find((a) => a.status === 'error')!.provider;
      const body = await list(`status=error&provider=${provider}&type=production`);
      const where = (f: { status?: boolean; provider?: boolean; type?: boolean }) =>
        truth.filter(
          (a) =>
            (!f.status || a.status === 'error') &&
            (!f.provider || a.provider === provider) &&
            (!f.type || a.type === 'production'),
        );
      expect(body.facets.status).toEqual(count(where({ provider: true, type: true }), (a) => a.status));
      expect(body.facets.provider).toEqual(count(where({ status: true, type: true }), (a) => a.provider));
      expect(body.facets.type).toEqual(count(where({ status: true, provider: true }), (a) => a.type));
      expect(body.total).toBe(where({ status: true, provider: true, type: true }).length);
    });

    it('counts the facets of the search text', async () => {
      const body = await list('q=acme');
      const matching = truth.filter((a) => matchesQ(a, 'acme'));
      expect(body.facets.status).toEqual(count(matching, (a) => a.status));
      expect(body.facets.provider).toEqual(count(matching, (a) => a.provider));
    });
  });

  describe('sorting and paging', () => {
    // Both test databases use the C collation: text sorts by code point, as JavaScript's < does.
    const cmp = (x: string | null, y: string | null) =>
      x === y ? 0 : x === null ? 1 : y === null ? -1 : x < y ? -1 : 1;
    const keyOf: Record<AccountSort, (a: Account) => (string | null)[]> = {
      updatedAt: (a) => [new Date(a.updatedAt).toISOString()],
      createdAt: (a) => [new Date(a.createdAt).toISOString()],
      owner: (a) => [a.originOwnerName, a.originOwnerId],
      provider: (a) => [a.provider],
      status: (a) => [a.status],
      label: (a) => [a.label],
    };

    it.each(Object.keys(keyOf) as AccountSort[])('sorts by %s in both orders, then by id', async (sort) => {
      for (const order of ['asc', 'desc'] as const) {
        const items = await all(`sort=${sort}&order=${order}`);
        expect(items).toHaveLength(truth.length);
        for (let i = 1; i < items.length; i++) {
          const [a, b] = [items[i - 1]!, items[i]!];
          const ka = keyOf[sort](a);
          const kb = keyOf[sort](b);
          let c = 0;
          for (let k = 0; k < ka.length && c === 0; k++) {
            const nullsLast = ka[k] === null || kb[k] === null;
            c = nullsLast ? cmp(ka[k]!, kb[k]!) : order === 'asc' ? cmp(ka[k]!, kb[k]!) : cmp(kb[k]!, ka[k]!);
          }
          if (c === 0) c = order === 'asc' ? cmp(a.id, b.id) : cmp(b.id, a.id);
          expect(c, `${sort} ${order}: ${ka} then ${kb}`).toBe(-1);
        }
      }
    });

    it('pages through the matches without gaps or overlaps, with the total on every page', async () => {
      const whole = (await list('status=active&sort=owner&order=asc&pageSize=200')).items;
      const pages: Account[] = [];
      for (let page = 1; page <= 4; page++) {
        const body = await list(`status=active&sort=owner&order=asc&pageSize=40&page=${page}`);
        expect(body).toMatchObject({
          page,
          pageSize: 40,
          total: truth.filter((a) => a.status === 'active').length,
        });
        pages.push(...body.items);
      }
      expect(pages.map((a) => a.id)).toEqual(whole.slice(0, 160).map((a) => a.id));
      const beyond = await list('status=active&pageSize=40&page=99');
      expect(beyond.items).toEqual([]);
      expect(beyond.total).toBe(truth.filter((a) => a.status === 'active').length);
    });

    it('answers when the index was synced and how the sync stands', async () => {
      const body = await list('');
      expect(body.syncedAt).toBe(t.console.deps.sync.status().finishedAt);
      expect(body.sync).toMatchObject({ state: 'idle', seen: 300, total: 300, error: null });
      expect(body).toMatchObject({ page: 1, pageSize: 50, total: 300 });
      expect(body.items).toHaveLength(50);
    });
  });
});
