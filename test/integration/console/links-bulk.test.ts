import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PGlite } from '@electric-sql/pglite';
import { eq } from 'drizzle-orm';
import { accounts, links } from '../../../server/db/schema.ts';
import type { BulkJob, Link } from '../../../shared/schemas/links.ts';
import { startTestConsole, type TestConsole } from '../../support/console.ts';
import { platformFetch } from '../../support/sandbox.ts';

interface WireAccount {
  id: string;
  provider: string;
}

/** CSV rows after the header (cells never hold a line break here). */
const csvRows = (csv: string) => csv.trimEnd().split('\r\n').slice(1);

/**
 * Bulk re-link jobs run on the server, paced, leave one ledger entry per account and one audit
 * entry, list each upstream failure with its reason without stopping, and download as a defused CSV.
 */
describe('bulk re-link links', () => {
  let t: TestConsole;
  let seeded: WireAccount[];
  let support: string;

  const post = (body: unknown) =>
    t.api('/api/links/bulk', { method: 'POST', body: JSON.stringify(body), cookie: support });
  /** Resolves when the job's finished progress event is published. */
  const finished = (jobId: () => string | undefined) =>
    new Promise<void>((resolve) => {
      const stop = t.console.deps.bus.subscribe(({ event }) => {
        if (event.type === 'links.job' && event.jobId === jobId() && event.state === 'finished') {
          stop();
          resolve();
        }
      });
    });
  const job = async (jobId: string) => {
    const res = await t.api(`/api/links/bulk/${jobId}`, { cookie: support });
    expect(res.status).toBe(200);
    return (await res.json()) as BulkJob;
  };
  const csv = async (jobId: string) => {
    const res = await t.api(`/api/links/bulk/${jobId}/csv`, { cookie: support });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    return res.text();
  };
  /** Starts a job and waits for it to finish (subscribed before the job can start). */
  const run = async (body: unknown) => {
    const ref: { jobId?: string } = {};
    const done = finished(() => ref.jobId);
    const res = await post(body);
    expect(res.status).toBe(202);
    const accepted = (await res.json()) as { jobId: string; total: number };
    const jobId = (ref.jobId = accepted.jobId);
    // The job may have ended before the id was known here: the API says so too.
    if ((await job(jobId)).state !== 'finished') await done;
    return { accepted, job: await job(jobId) };
  };

  beforeAll(async () => {
    t = await startTestConsole({
      autoSync: false,
      sandbox: { accounts: 1010, rateLimitPerMinute: 100_000 },
      // Twice the default pace, and a crashed process's lease that lapses (and is looked for) in
      // seconds rather than half a minute: the same behaviour, sooner.
      links: { worker: { perSecond: 20, leaseMs: 5_000 }, settleEveryMs: 1_000 },
    });
    await t.console.deps.sync.runFull();
    seeded = await t.console.deps.database.db
      .select({ id: accounts.id, provider: accounts.provider })
      .from(accounts)
      .orderBy(accounts.id);
    expect(seeded.length).toBe(1010);
    support = await t.userCookie('support');
  }, 180_000);
  afterAll(async () => {
    await platformFetch(t.sandbox, '/_sandbox/faults', { method: 'DELETE' });
    await t?.close();
  });

  it(
    'makes the link of a one-account job, with a CSV defused against formulas',
    { timeout: 60_000 },
    async () => {
      // A customer whose name and label a spreadsheet would run as formulas.
      const created = await platformFetch(t.sandbox, '/_sandbox/accounts', {
        method: 'POST',
        body: JSON.stringify({
          provider: seeded[0]!.provider,
          origin_owner_id: '@cust_formula',
          origin_owner_name: '=HYPERLINK("http://evil.test","x")',
          label: '+1-2',
          status: 'error',
        }),
      });
      expect(created.status).toBe(201);
      const account = (await created.json()) as { id: string };
      await t.console.deps.sync.runFull();

      const { accepted, job: result } = await run({ accountIds: [account.id], expiresIn: 86_400 });
      expect(accepted.total).toBe(1);
      expect(result).toMatchObject({ state: 'finished', total: 1, done: 1, failed: 0 });
      expect(result.items).toEqual([
        {
          accountId: account.id,
          originOwnerName: '=HYPERLINK("http://evil.test","x")',
          provider: seeded[0]!.provider,
          state: 'done',
          linkId: expect.any(String),
          url: expect.stringContaining('/l/'),
          error: null,
        },
      ]);
      const text = await csv(result.id);
      expect(text.split('\r\n')[0]).toBe(
        '"customer id","customer name","provider","label","account id","link","expires"',
      );
      const [row] = csvRows(text);
      const cells = [
        `"'@cust_formula"`,
        `"'=HYPERLINK(""http://evil.test"",""x"")"`,
        `"${seeded[0]!.provider}"`,
        `"'+1-2"`,
        `"${account.id}"`,
        `"${result.items![0]!.url}"`,
      ];
      expect(row!.startsWith(`${cells.join(',')},`)).toBe(true);
      expect(row!.slice(cells.join(',').length + 1)).toMatch(/^"\d{4}-\d\d-\d\dT[\d:.]+Z"$/);
      const links = (await (await t.api(`/api/links?accountId=${account.id}`)).json()) as { items: Link[] };
      expect(links.items).toHaveLength(1);
      expect(links.items[0]).toMatchObject({ state: 'sent', jobId: result.id });
      // The account was in error: its incident now waits on the customer, as after a single link.
      const detail = (await (await t.api(`/api/accounts/${account.id}`)).json()) as {
        openIncident: { state: string } | null;
      };
      expect(detail.openIncident).toMatchObject({ state: 'waiting_on_customer' });
    },
  );

  it(
    'runs a job of 250 accounts past upstream failures, listing each with its reason',
    { timeout: 300_000 },
    async () => {
      // The first five connect sessions fail upstream; a POST is never retried, so five accounts fail.
      const fault = await platformFetch(t.sandbox, '/_sandbox/faults', {
        method: 'POST',
        body: JSON.stringify({ path: '/connect_sessions', method: 'POST', status: 500, times: 5 }),
      });
      expect(fault.status).toBe(201);
      const ids = seeded.slice(0, 250).map((a) => a.id);
      const linksBefore = ((await (await t.api('/api/links?pageSize=1')).json()) as { total: number }).total;

      const { accepted, job: result } = await run({ accountIds: ids, expiresIn: 7 * 86_400 });
      expect(accepted.total).toBe(250);
      expect(result).toMatchObject({ state: 'finished', total: 250, done: 245, failed: 5 });
      const failed = result.items!.filter((i) => i.state === 'failed');
      expect(failed).toHaveLength(5);
      for (const item of failed) {
        expect(item.error).toMatch(/500/);
        expect(item.url).toBeNull();
      }
      // One ledger entry per account made, and the CSV holds exactly them.
      const linksAfter = ((await (await t.api('/api/links?pageSize=1')).json()) as { total: number }).total;
      expect(linksAfter - linksBefore).toBe(245);
      const rows = csvRows(await csv(result.id));
      expect(rows).toHaveLength(result.done);

      // One audit entry for the job, with every account's outcome.
      const audit = (await (await t.api('/api/audit?action=links.bulk_created&pageSize=10')).json()) as {
        items: { summary: { jobId: string; items?: { accountId: string; error?: string }[] } }[];
      };
      const entries = audit.items.filter((a) => a.summary.jobId === result.id);
      expect(entries).toHaveLength(1);
      expect(entries[0]!.summary.items).toHaveLength(250);
      expect(entries[0]!.summary.items!.filter((i) => i.error)).toHaveLength(5);
    },
  );

  it(
    'carries on with a job after the console restarts, making each link once',
    { timeout: 180_000 },
    async () => {
      const ids = seeded.slice(300, 360).map((a) => a.id);
      const res = await post({ accountIds: ids, expiresIn: 3600 });
      expect(res.status).toBe(202);
      const { jobId } = (await res.json()) as { jobId: string };
      // Stopped part-way: some links made, the rest still pending.
      await new Promise<void>((resolve) => {
        const stop = t.console.deps.bus.subscribe(({ event }) => {
          if (event.type === 'links.job' && event.jobId === jobId && event.done >= 5) {
            stop();
            resolve();
          }
        });
      });
      // A crash: the next console starts from the database as it is now (in memory: a dump of it), with
      // the job's lease still held by the process that is gone.
      const client = (t.console.deps.database.db as unknown as { $client: PGlite }).$client;
      const dump = await client.dumpDataDir('none');
      await t.restartConsole({ database: { kind: 'memory', template: dump } });
      const before = await job(jobId);
      expect(before.state).toBe('running');
      expect(before.done).toBeLessThan(60);
      const done = finished(() => jobId);
      if ((await job(jobId)).state !== 'finished') await done;
      const after = await job(jobId);
      expect(after).toMatchObject({ state: 'finished', total: 60, done: 60, failed: 0 });
      const perAccount = await t.console.deps.database.db
        .select({ accountId: links.accountId })
        .from(links)
        .where(eq(links.jobId, jobId));
      expect(perAccount.map((l) => l.accountId).sort()).toEqual([...ids].sort());
    },
  );

  it(
    'takes every account matching a filter, and refuses a job of more than 1,000 with a clear 400',
    { timeout: 120_000 },
    async () => {
      const ids = seeded.slice(0, 1001).map((a) => a.id);
      const tooMany = await post({ accountIds: ids, expiresIn: 3600 });
      expect(tooMany.status).toBe(400);
      expect(((await tooMany.json()) as { error: { message: string } }).error.message).toMatch(
        /at most 1000/,
      );

      const all = await post({ filter: {}, expiresIn: 3600 });
      expect(all.status).toBe(400);
      expect(((await all.json()) as { error: { message: string } }).error.message).toMatch(
        /^10\d\d accounts match this filter; a job takes at most 1000\./,
      );

      const provider = seeded[0]!.provider;
      const listed = (await (
        await t.api(`/api/accounts?provider=${provider}&status=error&pageSize=1`)
      ).json()) as { total: number };
      const { accepted, job: result } = await run({
        filter: { provider: [provider], status: ['error'] },
        expiresIn: 3600,
      });
      expect(accepted.total).toBe(listed.total);
      expect(result.done + result.failed).toBe(listed.total);
      expect(csvRows(await csv(result.id))).toHaveLength(result.done);
    },
  );
});
