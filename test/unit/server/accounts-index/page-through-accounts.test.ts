import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  pageThroughAccounts,
  type ListedPage,
  type PagingResult,
} from '../../../../server/accounts-index/page-through-accounts.ts';
import { openDatabase, type Database } from '../../../../server/db/client.ts';
import { accounts } from '../../../../server/db/schema.ts';
import { AppError } from '../../../../server/http/app-error.ts';
import type { UpstreamLinkedAccount } from '../../../../server/stackone/upstream-schemas.ts';
import { migratedMemoryDatabase } from '../../../support/pglite-template.ts';

const account = (n: number): UpstreamLinkedAccount => ({
  id: `acc_${String(n).padStart(5, '0')}`,
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
const list = Array.from({ length: 130 }, (_, i) => account(i + 1));

let database: Database;
beforeAll(async () => {
  database = await openDatabase(await migratedMemoryDatabase());
});
afterAll(async () => {
  await database?.close();
});
beforeEach(async () => {
  await database.db.delete(accounts);
});

async function page(
  listPage: (page: number, pageSize: number) => Promise<ListedPage>,
): Promise<PagingResult> {
  return pageThroughAccounts(
    { db: database.db, stackOne: { listAccounts: ({ page, pageSize }) => listPage(page, pageSize) } },
    new Date().toISOString(),
    async () => {},
  );
}

describe('where pages start and how large they are', () => {
  it('0-based: page 0 is the first page', async () => {
    const r = await page(async (p, size) => list.slice(p * size, (p + 1) * size));
    expect(r).toMatchObject({ firstPage: 0, pageSize: 100, complete: true, lastPage: 2 });
    expect(r.seenIds.size).toBe(130);
  });

  it('1-based with page 0 refused, answered empty, or the same as page 1', async () => {
    const oneBased = (p: number, size: number) => list.slice((p - 1) * size, p * size);
    const refused = await page(async (p, size) => {
      if (p === 0) throw new AppError('bad_request', 'StackOne answered 400 (GET /accounts)');
      return oneBased(p, size);
    });
    const empty = await page(async (p, size) => (p === 0 ? [] : oneBased(p, size)));
    const aliased = await page(async (p, size) => oneBased(Math.max(p, 1), size));
    for (const r of [refused, empty, aliased]) {
      expect(r).toMatchObject({ firstPage: 1, complete: true, lastPage: 3 });
      expect(r.seenIds.size).toBe(130);
    }
  });

  it('1-based with page 0 aliased while an account is created between the two reads', async () => {
    const shifted = [account(0), ...list];
    const r = await page(async (p, size) =>
      (p === 0 ? list : shifted).slice((Math.max(p, 1) - 1) * size, Math.max(p, 1) * size),
    );
    expect(r).toMatchObject({ firstPage: 1, complete: true });
    expect(r.seenIds.size).toBe(131);
  });

  it('reports the real page size of a server that caps page_size silently', async () => {
    const r = await page(async (p) => list.slice((p - 1) * 25, p * 25).slice(0, p === 0 ? 0 : 25));
    expect(r).toMatchObject({ firstPage: 1, pageSize: 25, complete: true, lastPage: 7 });
    expect(r.seenIds.size).toBe(130);
  });

  it('an upstream that ignores page: incomplete at page 2', async () => {
    const r = await page(async () => list.slice(0, 100));
    expect(r).toMatchObject({ complete: false, lastPage: 2, pages: 1 });
  });
});

describe('a listing that never ends', () => {
  it('an upstream that ignores page, its page holding only skipped records: incomplete, not endless', async () => {
    let reads = 0;
    const r = await page(async () => {
      if (++reads > 50) throw new Error('still paging');
      return { items: [], skipped: [{ id: 'acc_bad1' }, { id: 'acc_bad2' }] };
    });
    expect(r).toMatchObject({ complete: false, stoppedBy: 'repeat', lastPage: 2 });
    expect(r.seenIds).toEqual(new Set(['acc_bad1', 'acc_bad2']));
  });

  it('ends at the page cap, incomplete, when every page brings something new', async () => {
    let reads = 0;
    const r = await pageThroughAccounts(
      {
        db: database.db,
        stackOne: {
          listAccounts: async () => {
            if (++reads > 50) throw new Error('still paging');
            return { items: [], skipped: 1 }; // nothing to compare: only the cap ends it
          },
        },
        maxPages: 10,
      },
      new Date().toISOString(),
      async () => {},
    );
    expect(r).toMatchObject({ complete: false, stoppedBy: 'page_cap', lastPage: 9 });
  });
});

describe('a stopped sync', () => {
  it('reads no page after the stop', async () => {
    const stop = new AbortController();
    const read: number[] = [];
    const paging = pageThroughAccounts(
      {
        db: database.db,
        stackOne: {
          listAccounts: async ({ page: p, pageSize }) => {
            read.push(p);
            if (p === 1) stop.abort();
            return list.slice(p * pageSize, (p + 1) * pageSize);
          },
        },
        signal: stop.signal,
      },
      new Date().toISOString(),
      async () => {},
    );
    await expect(paging).rejects.toThrow(/stopped/);
    expect(read).toEqual([0, 1]);
  });
});
