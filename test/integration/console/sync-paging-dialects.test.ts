import { isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { accounts, syncRuns } from '../../../server/db/schema.ts';
import { startTestConsole, TEST_DATABASES, type TestConsole } from '../../support/console.ts';
import { platformFetch, setDialects } from '../../support/sandbox.ts';
import { startTruncatingProxy, type TruncatingProxy } from '../../support/truncating-proxy.ts';

const SEEDED = 130;

/**
 * The sync against each way StackOne may page `GET /accounts` (the sandbox's dialects), over real
 * HTTP: the console is pointed at it by STACKONE_API_KEY and STACKONE_BASE_URL, as a real deployment
 * would be (through a proxy that can also truncate the listing).
 */
describe.each(TEST_DATABASES)('the account sync on $name', ({ kind }) => {
  describe.each(['page-zero', 'page-size-25', 'short-pages'] as const)('under the %s dialect', (dialect) => {
    let t: TestConsole;
    let proxy: TruncatingProxy;

    beforeAll(async () => {
      proxy = await startTruncatingProxy();
      t = await startTestConsole({
        database: kind,
        autoSync: false,
        sandbox: { accounts: SEEDED, webhookUrls: [], rateLimitPerMinute: 100_000 },
        env: { STACKONE_BASE_URL: proxy.url },
      });
      proxy.sandbox = t.sandbox;
      expect(await setDialects(t.sandbox, [dialect])).toEqual([dialect]);
    });
    afterAll(async () => {
      await t?.close();
      await proxy?.close();
    });

    const sync = () => t.console.deps.sync.runFull();
    const deletedIds = async () =>
      (
        await t.console.deps.database.db
          .select({ id: accounts.id })
          .from(accounts)
          .where(isNotNull(accounts.deletedAt))
      ).map((r) => r.id);
    const lastRun = async () =>
      (await t.console.deps.database.db.select().from(syncRuns).orderBy(syncRuns.id)).at(-1);

    it('sees every account and marks nothing live deleted', async () => {
      // A first sync fills the index; a second one, over a full index, is where a misread paging
      // would mark live accounts deleted.
      expect(await sync()).toMatchObject({ state: 'idle', seen: SEEDED });
      const status = await sync();
      expect(status).toMatchObject({
        state: 'idle',
        seen: SEEDED,
        total: SEEDED,
        confirmedDeleted: 0,
        keptAfterCheck: 0,
        unconfirmed: 0,
        warning: null,
        error: null,
      });
      expect(await deletedIds()).toEqual([]);
      const body = (await (await t.api('/api/accounts')).json()) as { total: number };
      expect(body.total).toBe(SEEDED);
    });

    it('marks an account really deleted upstream as deleted', async () => {
      const res = await platformFetch(
        t.sandbox,
        `/accounts?page=${dialect === 'page-zero' ? 0 : 1}&page_size=1`,
      );
      const [victim] = (await res.json()) as { id: string }[];
      expect((await platformFetch(t.sandbox, `/accounts/${victim!.id}`, { method: 'DELETE' })).status).toBe(
        200,
      );

      const status = await sync();
      expect(status).toMatchObject({
        state: 'idle',
        seen: SEEDED - 1,
        confirmedDeleted: 1,
        keptAfterCheck: 0,
      });
      expect(await deletedIds()).toEqual([victim!.id]);
      expect(await lastRun()).toMatchObject({ state: 'succeeded', markedDeleted: 1 });
    });

    it('warns of a listing far smaller than the index and deletes none that StackOne still has', async () => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      // The sandbox's default paging behind a listing of its first 10 accounts.
      await setDialects(t.sandbox, []);
      proxy.truncateTo = 10;
      try {
        const status = await sync();
        expect(status).toMatchObject({
          state: 'idle',
          seen: 10,
          confirmedDeleted: 0,
          keptAfterCheck: SEEDED - 1 - 10,
          unconfirmed: 0,
        });
        expect(status.warning).toMatch(
          /StackOne listed 10 accounts where the index holds 129: the listing looks wrong/,
        );
        expect(await deletedIds()).toHaveLength(1);
        expect(await lastRun()).toMatchObject({ warning: status.warning, keptAfterCheck: SEEDED - 11 });
        const body = (await (await t.api('/api/accounts')).json()) as {
          total: number;
          sync: { warning?: string };
        };
        expect(body.total).toBe(SEEDED - 1);
        expect(body.sync.warning).toBe(status.warning);
        expect(warn).toHaveBeenCalledWith(expect.stringContaining('the listing looks wrong'));
      } finally {
        proxy.truncateTo = null;
        await setDialects(t.sandbox, [dialect]);
        warn.mockRestore();
      }
    });
  });
});
