import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { accounts, auditLog } from '../../../server/db/schema.ts';
import type { SandboxDialect } from '../../../shared/schemas/sandbox-dialect.ts';
import { startTestConsole, TEST_DATABASES, type TestConsole } from '../../support/console.ts';
import { platformFetch, setDialects } from '../../support/sandbox.ts';

interface Listed {
  id: string;
  status: string;
}

/**
 * The console's StackOne client against the sandbox's own dialects (docs/sandbox.md "Dialects"),
 * the console knowing the sandbox only by STACKONE_BASE_URL and STACKONE_API_KEY as a deployment would.
 */
describe.each(TEST_DATABASES)('the StackOne client under sandbox dialects on $name', ({ kind }) => {
  let t: TestConsole;
  let listed: Listed[];

  beforeAll(async () => {
    t = await startTestConsole({ database: kind, autoSync: false, sandbox: { accounts: 30, webhookUrls: [] } });
    listed = (await (await platformFetch(t.sandbox, '/accounts?page_size=100')).json()) as Listed[];
  });
  afterEach(async () => {
    await setDialects(t.sandbox, []);
    vi.restoreAllMocks();
  });
  afterAll(async () => {
    await t?.close();
  });

  const use = (...dialects: SandboxDialect[]) => setDialects(t.sandbox, dialects);
  const json = async (path: string, init?: RequestInit) => {
    const res = await t.api(path, init);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const suspendedIds = async () => {
    await use('extra-fields');
    const all = (await (await platformFetch(t.sandbox, '/accounts?page_size=100')).json()) as Listed[];
    return all.filter((a) => a.status === 'suspended').map((a) => a.id);
  };

  it('envelope + extra-fields: syncs every account and keeps `suspended` as it comes', async () => {
    const suspended = await suspendedIds();
    expect(suspended.length).toBeGreaterThan(0);
    await use('envelope', 'extra-fields');
    await t.console.deps.sync.runFull();
    expect(t.console.deps.sync.status()).toMatchObject({ error: null });
    const rows = await t.console.deps.database.db.select().from(accounts);
    expect(rows.map((r) => r.id).sort()).toEqual(listed.map((a) => a.id).sort());
    expect(rows.filter((r) => r.status === 'suspended').map((r) => r.id).sort()).toEqual([...suspended].sort());
  });

  it('extra-fields: the account page shows the unknown status', async () => {
    const [id] = await suspendedIds();
    const detail = await json(`/api/accounts/${id}`);
    expect(detail).toMatchObject({ status: 200, body: { stale: false, account: { id, status: 'suspended' } } });
  });

  it('sparse-logs + extra-fields: log entries without request_id or url are shown', async () => {
    await use('sparse-logs', 'extra-fields');
    const page = await json(`/api/accounts/${listed[0]!.id}/logs?pageSize=10`);
    expect(page.status).toBe(200);
    const items = page.body.items as Record<string, unknown>[];
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(item).toMatchObject({ requestId: null, url: null, method: expect.any(String) });
    expect(page.body.skipped).toBe(0);
  });

  it('logs-filter-bracket: the Logs tab holds only the account’s own entries', async () => {
    const id = listed[1]!.id;
    const own = (
      (await (await platformFetch(t.sandbox, `/requests/logs?account_ids=${id}&page_size=100`)).json()) as {
        data: { request_id: string }[];
      }
    ).data.map((l) => l.request_id);
    await use('logs-filter-bracket');
    const page = await json(`/api/accounts/${id}/logs?pageSize=100`);
    expect(page.status).toBe(200);
    expect((page.body.items as { requestId: string }[]).map((l) => l.requestId)).toEqual(own);
  });

  it('label-object: sets the label after StackOne refuses the string, and the audit row says both', async () => {
    await use('label-object');
    const id = listed[2]!.id;
    const res = await json(`/api/accounts/${id}`, { method: 'PATCH', body: JSON.stringify({ label: 'EU entity' }) });
    expect(res).toMatchObject({ status: 200, body: { label: 'EU entity' } });
    const upstream = (await (await platformFetch(t.sandbox, `/accounts/${id}`)).json()) as { label: string };
    expect(upstream.label).toBe('EU entity');
    const rows = (
      await t.console.deps.database.db.select().from(auditLog).where(eq(auditLog.targetId, id))
    ).filter((r) => r.action === 'account.label_updated');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: 'success' });
    expect((rows[0]!.summary as { attempts: string }).attempts).toMatch(
      /^as a string: refused \(StackOne answered 400: label must be an object.*\); as an object: accepted$/,
    );

    const cleared = await json(`/api/accounts/${id}`, { method: 'PATCH', body: JSON.stringify({ label: null }) });
    expect(cleared).toMatchObject({ status: 200, body: { label: null } });
  });
});

describe('the StackOne client under the slow-429 dialect', () => {
  let t: TestConsole;
  let accountId: string;

  beforeAll(async () => {
    t = await startTestConsole({
      autoSync: false,
      sandbox: { accounts: 5, webhookUrls: [] },
      env: { STACKONE_RETRY_AFTER_MAX_SECONDS: '5' },
    });
    await t.console.deps.sync.runFull();
    accountId = ((await (await platformFetch(t.sandbox, '/accounts')).json()) as Listed[])[0]!.id;
    await setDialects(t.sandbox, ['slow-429']);
    const res = await platformFetch(t.sandbox, '/_sandbox/rate-limit', {
      method: 'PUT',
      body: JSON.stringify({ perMinute: 1 }),
    });
    expect(res.status).toBe(200);
    await platformFetch(t.sandbox, '/accounts'); // spends the minute's one call
  });
  afterAll(async () => {
    await t?.close();
  });

  it("fails a user's read at once, naming when to retry, and the account page falls back to the index", async () => {
    const started = Date.now();
    const res = await t.api(`/api/accounts/${accountId}/logs`);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(50);
    expect(await res.json()).toMatchObject({
      error: {
        code: 'rate_limited',
        message: expect.stringMatching(/^StackOne is rate limiting the console until \d\d:\d\d:\d\d UTC; try again in \d+ s/),
        upstream: { status: 429 },
      },
    });
    const until = Date.parse(t.console.deps.stackOne.rateLimitedUntil()!);
    expect(until - started).toBeGreaterThan(50_000);

    const detail = await t.api(`/api/accounts/${accountId}`);
    expect(detail.status).toBe(200);
    expect(await detail.json()).toMatchObject({
      stale: true,
      staleReason: expect.stringMatching(/^StackOne is rate limiting the console until /),
    });
  });

  it('fails the sync with the time the limit ends when it is longer than STACKONE_RETRY_AFTER_MAX_SECONDS', async () => {
    await t.console.deps.sync.runFull().catch(() => {});
    expect(t.console.deps.sync.status()).toMatchObject({
      state: 'failed',
      error: expect.stringMatching(
        /StackOne is rate limiting the console until \d\d:\d\d:\d\d UTC, longer than the console waits \(STACKONE_RETRY_AFTER_MAX_SECONDS, 5 s\)/,
      ),
    });
  });
});
