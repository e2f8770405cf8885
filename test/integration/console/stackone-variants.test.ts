import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { accounts, auditLog } from '../../../server/db/schema.ts';
import { startTestConsole, TEST_DATABASES, type TestConsole } from '../../support/console.ts';
import { platformFetch } from '../../support/sandbox.ts';
import { BROKEN_ACCOUNT_ID, startVariantProxy, type VariantProxy } from '../../support/variant-proxy.ts';

/**
 * The console against StackOne's plausible variants (issue 9), over real HTTP: a proxy in front of
 * the sandbox answers as the variant would, and the console knows only its base URL.
 */
describe.each(TEST_DATABASES)('the console under StackOne variants on $name', ({ kind }) => {
  let t: TestConsole;
  let proxy: VariantProxy;
  let accountIds: string[];

  beforeAll(async () => {
    proxy = await startVariantProxy();
    t = await startTestConsole({
      database: kind,
      autoSync: false,
      sandbox: { accounts: 12, webhookUrls: [] },
      env: { STACKONE_BASE_URL: proxy.url, STACKONE_USER_READS_PER_MINUTE: '1000' },
    });
    proxy.target = t.sandbox.url;
    proxy.suspended.clear();
    accountIds = ((await (await platformFetch(t.sandbox, '/accounts')).json()) as { id: string }[]).map(
      (a) => a.id,
    );
    proxy.suspended.add(accountIds[0]!);
  });
  afterEach(() => {
    proxy.variants.clear();
    vi.restoreAllMocks();
  });
  afterAll(async () => {
    await t?.close();
    await proxy?.close();
  });

  const json = async (path: string, init?: RequestInit) => {
    const res = await t.api(path, init);
    return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
  };
  const labelAudits = async (id: string) =>
    (await t.console.deps.database.db.select().from(auditLog).where(eq(auditLog.targetId, id))).filter(
      (r) => r.action === 'account.label_updated',
    );

  describe('accounts', () => {
    it('syncs an enveloped listing with unknown fields and a new status, skipping only the bad record', async () => {
      proxy.variants.add('envelope');
      proxy.variants.add('extra-fields');
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      await t.console.deps.sync.runFull();
      expect(t.console.deps.sync.status()).toMatchObject({ error: null });

      const rows = await t.console.deps.database.db.select().from(accounts);
      expect(rows.filter((r) => !r.deletedAt).map((r) => r.id).sort()).toEqual([...accountIds].sort());
      expect(rows.find((r) => r.id === accountIds[0])!.status).toBe('suspended');
      expect(warn).toHaveBeenCalledWith(
        expect.stringMatching(new RegExp(`id ${BROKEN_ACCOUNT_ID}\\): field "created_at"`)),
      );

      const list = await json('/api/accounts?pageSize=100');
      const items = list.body.items as { id: string; status: string }[];
      expect(items.find((a) => a.id === accountIds[0])).toMatchObject({ status: 'suspended' });
      expect(items.map((a) => a.id)).not.toContain(BROKEN_ACCOUNT_ID);
    });

    it('answers an account page with a status it has never seen, as it comes', async () => {
      proxy.variants.add('extra-fields');
      const detail = await json(`/api/accounts/${accountIds[0]}`);
      expect(detail.status).toBe(200);
      expect(detail.body, JSON.stringify(detail.body)).toMatchObject({
        stale: false,
        account: { status: 'suspended' },
      });
    });
  });

  describe('request logs', () => {
    const logsOf = (id: string) => json(`/api/accounts/${id}/logs?pageSize=100`);
    const upstreamLogIds = async (id: string) =>
      (
        (await (await platformFetch(t.sandbox, `/requests/logs?account_ids=${id}&page_size=100`)).json()) as {
          data: { request_id: string }[];
        }
      ).data.map((l) => l.request_id);

    it('sends the account filter in both key forms', async () => {
      proxy.logQueries.length = 0;
      await logsOf(accountIds[1]!);
      expect(proxy.logQueries[0]!.get('account_ids')).toBe(accountIds[1]);
      expect(proxy.logQueries[0]!.get('filter[account_ids]')).toBe(accountIds[1]);
    });

    it('shows only the account’s own logs when StackOne reads only filter[account_ids]', async () => {
      proxy.variants.add('logs-filter-bracket');
      const id = accountIds[1]!;
      const page = await logsOf(id);
      expect(page.status).toBe(200);
      expect((page.body.items as { requestId: string }[]).map((l) => l.requestId)).toEqual(
        await upstreamLogIds(id),
      );
    });

    it('never shows another account’s entries when StackOne ignores the filter', async () => {
      proxy.variants.add('logs-filter-ignored');
      vi.spyOn(console, 'warn').mockImplementation(() => {});
      const id = accountIds[2]!;
      const page = await logsOf(id);
      expect(page.status).toBe(200);
      const own = new Set(await upstreamLogIds(id));
      const shown = (page.body.items as { requestId: string }[]).map((l) => l.requestId);
      for (const requestId of shown) expect(own.has(requestId), `${requestId} is another account's`).toBe(true);
    });

    it('shows entries without request_id and other optional fields', async () => {
      proxy.variants.add('sparse-logs');
      const page = await logsOf(accountIds[3]!);
      expect(page.status).toBe(200);
      const items = page.body.items as Record<string, unknown>[];
      expect(items.length).toBeGreaterThan(0);
      expect(items[0]).toMatchObject({ requestId: null, durationMs: null, sourceType: null, url: null });
      expect(page.body.skipped).toBe(0);
    });
  });

  describe('labels', () => {
    it('sets a label StackOne takes only as an object, audits both attempts, and remembers the form', async () => {
      proxy.variants.add('label-object');
      const id = accountIds[4]!;
      const first = await json(`/api/accounts/${id}`, {
        method: 'PATCH',
        body: JSON.stringify({ label: 'Object form' }),
      });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ label: 'Object form' });
      const [row] = await labelAudits(id);
      expect(row).toMatchObject({ outcome: 'success' });
      expect(row!.summary).toMatchObject({
        label: 'Object form',
        attempts: expect.stringMatching(
          /^as a string: refused \(StackOne answered 400: label must be an object .*\); as an object: accepted$/,
        ),
      });

      const second = await json(`/api/accounts/${id}`, {
        method: 'PATCH',
        body: JSON.stringify({ label: 'Second' }),
      });
      expect(second.body).toMatchObject({ label: 'Second' });
      const rows = await labelAudits(id);
      expect(rows).toHaveLength(2);
      expect(rows.map((r) => (r.summary as { attempts: string }).attempts)).toContain('as an object: accepted');
      expect(t.console.deps.stackOne.labelForm()).toBe('object');

    });

    it('says so clearly when StackOne refuses the label in both forms, and audits the failure', async () => {
      proxy.variants.add('label-refused');
      const id = accountIds[5]!;
      const res = await json(`/api/accounts/${id}`, { method: 'PATCH', body: JSON.stringify({ label: 'No' }) });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        error: {
          code: 'bad_request',
          message: expect.stringMatching(/^StackOne refused the label in both forms it documents \(as an object: refused .*; as a string: refused .*\)/),
          upstream: { status: 400 },
        },
      });
      const rows = await labelAudits(id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ outcome: 'failure', upstreamStatus: 400 });
      expect((rows[0]!.summary as { error: string }).error).toContain('both forms');
    });
  });
});

describe('live reads per signed-in user', () => {
  let t: TestConsole;
  let accountId: string;

  beforeAll(async () => {
    t = await startTestConsole({
      autoSync: false,
      sandbox: { accounts: 3, webhookUrls: [] },
      env: { STACKONE_USER_READS_PER_MINUTE: '3' },
    });
    accountId = ((await (await platformFetch(t.sandbox, '/accounts')).json()) as { id: string }[])[0]!.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers 429 with Retry-After once a user has spent their reads, and leaves others their own', async () => {
    const viewer = await t.userCookie('viewer');
    const read = (cookie?: string) => t.api(`/api/accounts/${accountId}/logs`, cookie ? { cookie } : {});
    for (let i = 0; i < 3; i++) expect((await read(viewer)).status).toBe(200);
    const refused = await read(viewer);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toMatchObject({
      error: {
        code: 'rate_limited',
        message: expect.stringMatching(/^You are reading live data from StackOne faster than the console allows .*try again in \d+ s$/),
      },
    });
    // The admin has reads of their own, and the sync is not a user at all.
    expect((await read()).status).toBe(200);
    await t.console.deps.sync.runFull();
    expect(t.console.deps.sync.status()).toMatchObject({ error: null });
  });
});
