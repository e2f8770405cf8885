import { and } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AccountListQuerySchema,
  type AccountListQueryInput,
} from '../../../../shared/schemas/account-filters.ts';
import { buildConditions, listAccounts } from '../../../../server/accounts-index/list-accounts.ts';
import { markAccountDeleted, upsertAccounts } from '../../../../server/accounts-index/upsert-accounts.ts';
import { openDatabase, type Database } from '../../../../server/db/client.ts';
import type { UpstreamLinkedAccount } from '../../../../server/stackone/upstream-schemas.ts';
import { migratedMemoryDatabase } from '../../../support/pglite-template.ts';

const query = (input: AccountListQueryInput = {}) => AccountListQuerySchema.parse(input);
const render = (input: AccountListQueryInput) => {
  const { base } = buildConditions(query(input));
  return new PgDialect().sqlToQuery(and(...base)!);
};

describe('buildConditions', () => {
  it('always leaves deleted accounts out', () => {
    expect(render({}).sql).toBe('"accounts"."deleted_at" is null');
  });

  it('folds the search text and matches it anywhere, with LIKE wildcards escaped', () => {
    const { sql, params } = render({ q: '  Société_100%  ' });
    expect(sql).toContain('"accounts"."search_text" like $1');
    expect(params).toEqual(['%societe\\_100\\%%']);
  });

  it('asks one LIKE per word, all of them', () => {
    const { sql, params } = render({ q: 'Acme  BambooHR acme' });
    expect(sql).toBe(
      '("accounts"."deleted_at" is null and "accounts"."search_text" like $1 and "accounts"."search_text" like $2)',
    );
    expect(params).toEqual(['%acme%', '%bamboohr%']);
  });

  it('keeps each facet filter apart so that a facet can count without its own', () => {
    const { byFacet } = buildConditions(query({ status: 'error', type: ['test'] }));
    expect(byFacet.provider).toBeNull();
    const dialect = new PgDialect();
    expect(dialect.sqlToQuery(byFacet.status!)).toMatchObject({
      sql: '"accounts"."status" in ($1)',
      params: ['error'],
    });
    expect(dialect.sqlToQuery(byFacet.type!)).toMatchObject({
      sql: '"accounts"."type" in ($1)',
      params: ['test'],
    });
  });

  it('filters on the owner id exactly', () => {
    expect(render({ ownerId: 'cust_1' })).toMatchObject({ params: ['cust_1'] });
  });
});

describe('listAccounts facets and totals', () => {
  const STATUSES = ['active', 'error', 'inactive'] as const;
  const PROVIDERS = ['hibob', 'greenhouse', 'workday'];
  const TYPES = ['production', 'test', null];
  const REASONS = ['token_expired', 'access_revoked', 'invalid_credentials'];
  let database: Database;
  const live: UpstreamLinkedAccount[] = [];

  beforeAll(async () => {
    database = await openDatabase(await migratedMemoryDatabase());
    // Uneven counts per combination, so that a wrong fold gives a wrong number.
    let n = 0;
    for (const [si, status] of STATUSES.entries())
      for (const [pi, provider] of PROVIDERS.entries())
        for (const [ti, type] of TYPES.entries())
          for (let k = 0; k < ((si + 2 * pi + 3 * ti) % 4) + 1; k++) {
            n++;
            live.push({
              id: `acc_${String(n).padStart(4, '0')}`,
              provider,
              provider_name: provider.toUpperCase(),
              status,
              origin_owner_id: `cust_${n % 3}`,
              origin_owner_name: n % 2 ? 'Café Müller' : 'Acme Corporation',
              label: n % 5 === 0 ? 'EU entity' : null,
              type,
              status_reasons:
                status === 'active'
                  ? []
                  : [
                      {
                        code: REASONS[n % REASONS.length]!,
                        description: null,
                        timestamp: '2024-01-02T00:00:00Z',
                      },
                      { code: 'second_reason', description: null, timestamp: '2024-01-01T00:00:00Z' },
                    ],
              created_at: '2024-01-01T00:00:00Z',
              updated_at: new Date(Date.UTC(2024, 0, 1, 0, n)).toISOString(),
            });
          }
    const gone: UpstreamLinkedAccount = { ...live[0]!, id: 'acc_deleted' };
    await upsertAccounts(database.db, [...live, gone], {});
    await markAccountDeleted(database.db, 'acc_deleted', new Date().toISOString());
  });
  afterAll(async () => {
    await database?.close();
  });

  const oracle = (
    list: UpstreamLinkedAccount[],
    filter: { status: string[]; provider: string[]; type: string[]; reason?: string[]; owner?: string },
  ) => {
    const reasonOf = (a: UpstreamLinkedAccount) => a.status_reasons?.[0]?.code ?? null;
    const pass = (a: UpstreamLinkedAccount, skip?: 'status' | 'provider' | 'type' | 'reason') =>
      (skip === 'reason' ||
        !filter.reason?.length ||
        (reasonOf(a) !== null && filter.reason.includes(reasonOf(a)!))) &&
      (skip === 'status' || !filter.status.length || filter.status.includes(a.status)) &&
      (skip === 'provider' || !filter.provider.length || filter.provider.includes(a.provider)) &&
      (skip === 'type' || !filter.type.length || (a.type != null && filter.type.includes(a.type))) &&
      (!filter.owner || a.origin_owner_id === filter.owner);
    const tally = (
      skip: 'status' | 'provider' | 'type' | 'reason',
      key: (a: UpstreamLinkedAccount) => string | null,
    ) => {
      const out: Record<string, number> = {};
      for (const a of list.filter((x) => pass(x, skip))) {
        const k = key(a);
        if (k !== null) out[k] = (out[k] ?? 0) + 1;
      }
      return out;
    };
    return {
      total: list.filter((a) => pass(a)).length,
      facets: {
        status: tally('status', (a) => a.status),
        provider: tally('provider', (a) => a.provider),
        type: tally('type', (a) => a.type ?? 'unknown'),
        reason: tally('reason', reasonOf),
      },
    };
  };

  const subsets = <T>(values: readonly T[]): T[][] =>
    values.reduce<T[][]>((acc, v) => [...acc, ...acc.map((s) => [...s, v])], [[]]);

  it('counts each facet under every other filter, for every combination of filters', async () => {
    for (const status of subsets(STATUSES).slice(0, 5))
      for (const provider of subsets(PROVIDERS).slice(0, 5))
        for (const type of [[], ['production'], ['test'], ['production', 'test']] as (
          'production' | 'test'
        )[][]) {
          const page = await listAccounts(
            database.db,
            query({ status: [...status], provider, type, pageSize: 200 }),
          );
          const expected = oracle(live, { status: [...status], provider, type });
          const label = JSON.stringify({ status, provider, type });
          expect({ total: page.total, facets: page.facets }, label).toEqual(expected);
          expect(page.items, label).toHaveLength(expected.total);
        }
  });

  it('counts the first status-reason code as the reason facet, under every other filter and search', async () => {
    const cases: { status?: string[]; provider?: string[]; reason?: string[]; q?: string }[] = [
      {},
      { reason: ['token_expired'] },
      { reason: ['token_expired', 'access_revoked'], status: ['error'] },
      { reason: ['access_revoked'], provider: ['hibob', 'workday'], status: ['error', 'active'] },
      { reason: ['second_reason'] },
      { q: 'acme', reason: ['invalid_credentials'] },
      { q: 'acme workday' },
    ];
    for (const c of cases) {
      const page = await listAccounts(
        database.db,
        query({ status: c.status, provider: c.provider, reason: c.reason, q: c.q, pageSize: 200 }),
      );
      const words = c.q?.split(' ') ?? [];
      const matching = live.filter((a) =>
        words.every((w) => [a.origin_owner_name, a.provider].some((f) => f.toLowerCase().includes(w))),
      );
      const expected = oracle(matching, {
        status: c.status ?? [],
        provider: c.provider ?? [],
        type: [],
        reason: c.reason ?? [],
      });
      expect({ total: page.total, facets: page.facets }, JSON.stringify(c)).toEqual(expected);
      expect(page.items, JSON.stringify(c)).toHaveLength(expected.total);
    }
  });

  it('finds accounts by every word of a search, across fields, and by a status-reason code', async () => {
    const both = await listAccounts(database.db, query({ q: 'Acme WORKDAY', pageSize: 200 }));
    const expected = live.filter(
      (a) => a.origin_owner_name === 'Acme Corporation' && a.provider === 'workday',
    );
    expect(both.items.map((a) => a.id).sort()).toEqual(expected.map((a) => a.id).sort());
    expect((await listAccounts(database.db, query({ q: 'acme nosuchword' }))).total).toBe(0);
    const byCode = await listAccounts(database.db, query({ q: 'revoked', pageSize: 200 }));
    expect(byCode.total).toBe(live.filter((a) => a.status_reasons?.[0]?.code === 'access_revoked').length);
  });

  it('counts accounts without a type as unknown, and leaves them out of any type filter', async () => {
    const all = await listAccounts(database.db, query());
    expect(all.facets.type.unknown).toBe(live.filter((a) => a.type === null).length);
    const typed = await listAccounts(database.db, query({ type: 'production,test', pageSize: 200 }));
    expect(typed.items.every((a) => a.type !== null)).toBe(true);
  });

  it('applies the search text and the owner to the facets too', async () => {
    const page = await listAccounts(database.db, query({ q: 'MULLER', ownerId: 'cust_1', status: 'error' }));
    const matching = live.filter((a) => a.origin_owner_name === 'Café Müller');
    const expected = oracle(matching, { status: ['error'], provider: [], type: [], owner: 'cust_1' });
    expect(expected.total).toBeGreaterThan(0);
    expect({ total: page.total, facets: page.facets }).toEqual(expected);
  });

  it('never lists or counts a deleted account', async () => {
    const page = await listAccounts(database.db, query({ q: 'acc_deleted' }));
    expect(page).toEqual({ items: [], total: 0, facets: { status: {}, provider: {}, type: {}, reason: {} } });
  });

  it('answers an empty page past the end with the total', async () => {
    const page = await listAccounts(database.db, query({ page: 99, pageSize: 10 }));
    expect(page.items).toEqual([]);
    expect(page.total).toBe(live.length);
  });
});
