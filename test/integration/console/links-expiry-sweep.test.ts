import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestConsole, TEST_DATABASES, type TestConsole } from '../../support/console.ts';

/**
 * A console stopped for a while comes back to many links past their expiry: the sweep that reads
 * the ledger ends them all at once, more than one statement's bind parameters (65,535) would hold
 * at a few per link.
 */
describe.each(TEST_DATABASES)('the expiry sweep of a large ledger, on $name', ({ kind }) => {
  let t: TestConsole;
  const LINKS = 25_000;

  beforeAll(async () => {
    t = await startTestConsole({ database: kind, autoSync: false, sandbox: { accounts: 0, webhookUrls: [] } });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it(`expires ${LINKS.toLocaleString('en')} links at once and records each step`, async () => {
    const { db } = t.console.deps.database;
    await db.execute(sql`
      insert into links (id, code, kind, account_id, origin_owner_id, origin_owner_name, auth_link_url,
        state, created_at, expires_at)
      select 'lnk_' || n, 'code_' || n, 'relink', 'acc_' || n, 'cust_' || n, 'Customer ' || n,
        'https://hub.example/' || n, 'sent', now() - interval '2 days', now() - interval '1 day'
      from generate_series(1, ${LINKS}) n`);

    const res = await t.api('/api/links?state=expired&pageSize=1');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { total: number }).total).toBe(LINKS);
    const [steps] = (
      (await db.execute(
        sql`select count(*)::int as n from link_events where state = 'expired'`,
      )) as unknown as { rows: { n: number }[] }
    ).rows;
    expect(steps!.n).toBe(LINKS);
  });
});
