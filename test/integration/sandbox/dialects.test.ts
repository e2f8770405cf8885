import { StackOne } from '@stackone/stackone-client-ts';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { sandboxOptionsFromEnv } from '../../../server/sandbox/config.ts';
import type { RunningSandbox } from '../../../server/sandbox/start-sandbox.ts';
import { SANDBOX_DIALECTS } from '../../../shared/schemas/sandbox-dialect.ts';
import { platformFetch, setDialects, startTestSandbox } from '../../support/sandbox.ts';
import { expectErrorBody } from '../../support/stackone-error-body.ts';
import { startWebhookReceiver, waitUntil, type WebhookReceiver } from '../../support/webhook-receiver.ts';

type Wire = Record<string, unknown> & { id: string };
type LogEntry = Record<string, unknown>;

const SECRET = 's3cret';
/** The LinkedAccount fields the sandbox sends by default: exactly the documented ones. */
const ACCOUNT_FIELDS = [
  'id',
  'provider',
  'provider_name',
  'status',
  'status_reasons',
  'origin_owner_id',
  'origin_owner_name',
  'origin_username',
  'setup_information',
  'label',
  'type',
  'created_at',
  'updated_at',
].sort();

let receiver: WebhookReceiver;
let sandbox: RunningSandbox;

beforeAll(async () => {
  receiver = await startWebhookReceiver({ secrets: [SECRET] });
  sandbox = await startTestSandbox({ webhookUrls: [receiver.url], webhookSecret: SECRET });
});

// Reset also puts the dialects back to the ones the sandbox started with: none here.
afterEach(async () => {
  vi.useRealTimers();
  expect((await control('/reset', { method: 'POST' })).status).toBe(200);
});

afterAll(async () => {
  await sandbox?.close();
  await receiver?.close();
});

const control = (path: string, init: RequestInit = {}) => platformFetch(sandbox, `/_sandbox${path}`, init);

async function getJson<T = Wire[]>(
  path: string,
  init?: RequestInit,
  on: Pick<RunningSandbox, 'url' | 'apiKey'> = sandbox,
): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await platformFetch(on, path, init);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return { status: response.status, body: (await response.json()) as T, headers: response.headers };
}

const patch = (id: string, body: unknown) =>
  getJson<Wire>(`/accounts/${id}`, { method: 'PATCH', body: JSON.stringify(body) });

const allIds = () => sandbox.context.store.listAccounts().map((a) => a.id);
const ids = (list: readonly { id: string }[]) => list.map((a) => a.id);

/** Two accounts that both have request logs. */
function twoAccountsWithLogs(): [string, string] {
  const withLogs = [...new Set(sandbox.context.store.logs.map((l) => l.account_id))];
  expect(withLogs.length).toBeGreaterThan(1);
  return [withLogs[0]!, withLogs[1]!];
}

/** The webhooks for one account accepted after the receiver had seen `mark` requests, once there are `count`. */
const deliveriesSince = (mark: number, accountId: string, count: number) =>
  waitUntil(
    () => {
      const found = receiver.requests
        .slice(mark)
        .filter((r) => r.status < 300 && r.json?.account_id === accountId);
      return found.length >= count ? found : null;
    },
    { what: `${count} deliveries for ${accountId}` },
  );

/** Pages `/accounts` from `first` until an empty page; every page as it came. */
async function walk(first: number, pageSize: number, unwrap = (b: unknown) => b as Wire[]) {
  const pages: Wire[][] = [];
  for (let page = first; pages.length < 100; page++) {
    const { status, body } = await getJson<unknown>(`/accounts?page=${page}&page_size=${pageSize}`);
    expect(status).toBe(200);
    const items = unwrap(body);
    if (items.length === 0) return pages;
    pages.push(items);
  }
  throw new Error('the listing never ended');
}

describe('SANDBOX_DIALECT', () => {
  it('is a comma-separated list; a sandbox started with it speaks those dialects, also after a reset', async () => {
    const options = sandboxOptionsFromEnv({ SANDBOX_DIALECT: ' page-zero, envelope ,' });
    expect(options.dialects).toEqual(['page-zero', 'envelope']);
    expect(sandboxOptionsFromEnv({}).dialects).toEqual([]);

    const started = await startTestSandbox({ dialects: options.dialects });
    try {
      const first = await getJson<{ data: Wire[] }>('/accounts?page=0&page_size=5', undefined, started);
      expect(first.status).toBe(200);
      expect(ids(first.body.data)).toEqual(
        started.context.store
          .listAccounts()
          .slice(0, 5)
          .map((a) => a.id),
      );

      await platformFetch(started, '/_sandbox/dialects', { method: 'PUT', body: '{"dialects":[]}' });
      await platformFetch(started, '/_sandbox/reset', { method: 'POST' });
      const after = await getJson<{ dialects: string[] }>('/_sandbox/dialects', undefined, started);
      expect(after.body).toEqual({ dialects: ['page-zero', 'envelope'] });
    } finally {
      await started.close();
    }
  });

  it('stops the start with one line naming the variable and the unknown dialect', async () => {
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        ['--import', 'tsx', 'server/sandbox/main.ts'],
        {
          cwd: root,
          timeout: 60_000,
          env: { ...process.env, SANDBOX_PORT: '0', SANDBOX_DIALECT: 'envelope,pages-zero' },
        },
        (_err, _stdout, stderr) => resolve({ code: child.exitCode, stderr }),
      );
    });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      `Invalid SANDBOX_DIALECT: unknown dialect "pages-zero" (known: ${SANDBOX_DIALECTS.join(', ')})`,
    );
  });
});

describe('the control API: /_sandbox/dialects', () => {
  it('reads none by default, and replaces the whole set, answered in documented order', async () => {
    expect((await getJson('/_sandbox/dialects')).body).toEqual({ dialects: [] });
    const put = await getJson('/_sandbox/dialects', {
      method: 'PUT',
      body: JSON.stringify({ dialects: ['slow-429', 'envelope', 'envelope'] }),
    });
    expect(put).toMatchObject({ status: 200, body: { dialects: ['envelope', 'slow-429'] } });
    expect((await getJson('/_sandbox/dialects')).body).toEqual({ dialects: ['envelope', 'slow-429'] });
    expect((await getJson('/_sandbox/state')).body).toMatchObject({ dialects: ['envelope', 'slow-429'] });
    expect(await setDialects(sandbox, [])).toEqual([]);
    expect(Array.isArray((await getJson('/accounts')).body)).toBe(true);
  });

  it('refuses an unknown name or a bad body with a 400 naming it, and changes nothing', async () => {
    await setDialects(sandbox, ['envelope']);
    for (const [body, message] of [
      [
        { dialects: ['envelope', 'sparse_logs'] },
        /^dialects\.1: unknown dialect "sparse_logs" \(known: page-zero, /,
      ],
      [{ dialects: 'envelope' }, /^dialects must be an array of dialect names$/],
      [{ dialects: [], extra: true }, /extra/],
    ] as const) {
      const res = await getJson('/_sandbox/dialects', { method: 'PUT', body: JSON.stringify(body) });
      expect(res.status).toBe(400);
      expectErrorBody(res.body, 400, message);
    }
    expect((await getJson('/_sandbox/dialects')).body).toEqual({ dialects: ['envelope'] });
  });

  it('needs the API key', async () => {
    const res = await fetch(`${sandbox.url}/_sandbox/dialects`, {
      method: 'PUT',
      body: '{"dialects":["envelope"]}',
    });
    expect(res.status).toBe(401);
    expect((await getJson('/_sandbox/dialects')).body).toEqual({ dialects: [] });
  });
});

describe('with no dialect, the default behaviour', () => {
  it('pages /accounts from 1 as a bare array of full pages, refusing page 0 and sizes over 100', async () => {
    const { body } = await getJson('/accounts?page=2&page_size=7');
    expect(ids(body)).toEqual(allIds().slice(7, 14));
    expect((await getJson('/accounts?page=0')).status).toBe(400);
    expect((await getJson('/accounts?page_size=101')).status).toBe(400);
    const pages = await walk(1, 7);
    expect(pages.slice(0, -1).every((p) => p.length === 7)).toBe(true);
    expect(pages.flat().map((a) => a.id)).toEqual(allIds());
  });

  it('sends exactly the documented account fields and statuses, and full request logs', async () => {
    const { body } = await getJson('/accounts?page_size=100');
    for (const account of body) expect(Object.keys(account).sort()).toEqual(ACCOUNT_FIELDS);
    expect(new Set(body.map((a) => a.status))).toEqual(new Set(['active', 'inactive', 'error']));
    const logs = await getJson<{ data: LogEntry[] }>('/requests/logs?page_size=5');
    for (const entry of logs.body.data) {
      expect(entry).toHaveProperty('request_id', expect.any(String));
      expect(entry).toHaveProperty('source_type', expect.any(String));
      expect(entry).not.toHaveProperty('x_sandbox');
    }
  });

  it('filters request logs by account_ids in both forms, and takes a string label', async () => {
    const [a] = twoAccountsWithLogs();
    for (const key of ['account_ids', 'filter[account_ids]']) {
      const { body } = await getJson<{ data: LogEntry[] }>(`/requests/logs?${key}=${a}&page_size=100`);
      expect(body.data.length).toBeGreaterThan(0);
      expect(body.data.every((l) => l.account_id === a)).toBe(true);
    }
    const updated = await patch(a, { label: 'EU entity' });
    expect(updated).toMatchObject({ status: 200, body: { label: 'EU entity' } });
  });

  it('sends webhooks with dates, and Retry-After counting down the rate-limit window', async () => {
    const target = sandbox.context.store.listAccounts()[0]!;
    const mark = receiver.requests.length;
    await control(`/accounts/${target.id}/break`, { method: 'POST' });
    const [delivered] = await deliveriesSince(mark, target.id, 1);
    expect(delivered!.json).toMatchObject({ event: 'account.updated', event_date: expect.any(String) });

    expect(await rateLimitedRetryAfter()).toBe('30');
  });
});

/**
 * Uses up a one-request limit, then asks again 30 s into the minute (the clock is faked: Date only,
 * so HTTP keeps working) and answers the second request's Retry-After.
 */
async function rateLimitedRetryAfter(): Promise<string | null> {
  await control('/rate-limit', { method: 'PUT', body: JSON.stringify({ perMinute: 1 }) });
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
  expect((await platformFetch(sandbox, '/accounts?page_size=1')).status).toBe(200);
  vi.setSystemTime(new Date('2030-01-01T00:00:30Z'));
  const limited = await platformFetch(sandbox, '/accounts?page_size=1');
  expect(limited.status).toBe(429);
  expectErrorBody(await limited.json(), 429, /^Too Many Requests$/);
  vi.useRealTimers();
  return limited.headers.get('retry-after');
}

describe('each dialect, switched on over the control API', () => {
  it('page-zero: pages start at 0, which is also the default, and page 1 is the second page', async () => {
    await setDialects(sandbox, ['page-zero']);
    const first = await getJson('/accounts?page=0&page_size=10');
    expect(ids(first.body)).toEqual(allIds().slice(0, 10));
    expect(ids((await getJson('/accounts?page_size=10')).body)).toEqual(allIds().slice(0, 10));
    expect(ids((await getJson('/accounts?page=1&page_size=10')).body)).toEqual(allIds().slice(10, 20));
    const negative = await getJson('/accounts?page=-1');
    expect(negative.status).toBe(400);
    expectErrorBody(negative.body, 400, /^page must be between 0 and /);
    expect((await walk(0, 10)).flat().map((a) => a.id)).toEqual(allIds());
  });

  it('page-size-25: larger page sizes are cut to 25 without an error', async () => {
    await setDialects(sandbox, ['page-size-25']);
    for (const size of [26, 100, 500]) {
      const { status, body } = await getJson(`/accounts?page_size=${size}`);
      expect(status).toBe(200);
      expect(ids(body)).toEqual(allIds().slice(0, 25));
    }
    expect(ids((await getJson('/accounts?page=2&page_size=100')).body)).toEqual(allIds().slice(25, 50));
    expect(ids((await getJson('/accounts?page_size=10')).body)).toEqual(allIds().slice(0, 10));
    expect((await getJson('/accounts?page_size=0')).status).toBe(400);
  });

  it('short-pages: some pages before the end are short, yet paging to an empty page yields each account once', async () => {
    await setDialects(sandbox, ['short-pages']);
    const pages = await walk(1, 10);
    const lengths = pages.map((p) => p.length);
    expect(lengths[0]).toBe(10);
    expect(lengths.every((n) => n > 0 && n <= 10)).toBe(true);
    expect(lengths.slice(0, -1).some((n) => n < 10)).toBe(true);
    expect(pages.flat().map((a) => a.id)).toEqual(allIds());

    // Filters page the same way over the matching accounts.
    const active = sandbox.context.store.listAccounts().filter((a) => a.status === 'active');
    const filtered: Wire[] = [];
    for (let page = 1; ; page++) {
      const { body } = await getJson(`/accounts?status=active&page=${page}&page_size=8`);
      if (!body.length) break;
      filtered.push(...body);
    }
    expect(ids(filtered)).toEqual(ids(active));
  });

  it('envelope: /accounts answers {"data": [...]}, other routes are unchanged', async () => {
    await setDialects(sandbox, ['envelope']);
    const { body } = await getJson<{ data: Wire[] }>('/accounts?page_size=5');
    expect(Object.keys(body)).toEqual(['data']);
    expect(ids(body.data)).toEqual(allIds().slice(0, 5));
    const one = await getJson<Wire>(`/accounts/${allIds()[0]}`);
    expect(one.body.id).toBe(allIds()[0]);
  });

  it('extra-fields: unknown fields on every account and log, and a few accounts "suspended"', async () => {
    await setDialects(sandbox, ['extra-fields']);
    const { body } = await getJson('/accounts?page_size=100');
    expect(body).toHaveLength(60);
    for (const account of body) {
      expect(Object.keys(account)).toEqual(expect.arrayContaining(ACCOUNT_FIELDS));
      expect(account).toHaveProperty('x_sandbox');
      expect(account).toHaveProperty('integration_id');
    }
    const suspended = body.filter((a) => a.status === 'suspended');
    expect(suspended.length).toBeGreaterThan(0);
    expect(suspended.length).toBeLessThan(body.length / 5);
    // Stable: the same accounts on every read, on the detail route too.
    expect((await getJson<Wire>(`/accounts/${suspended[0]!.id}`)).body.status).toBe('suspended');
    const again = await getJson('/accounts?page_size=100');
    expect(ids(again.body.filter((a) => a.status === 'suspended'))).toEqual(ids(suspended));

    const logs = await getJson<{ data: LogEntry[] }>('/requests/logs?page_size=5');
    for (const entry of logs.body.data) expect(entry).toHaveProperty('x_sandbox');
    const detail = await getJson<{ data: LogEntry }>(
      `/requests/logs/${sandbox.context.store.logs[0]!.request_id}`,
    );
    expect(detail.body.data).toHaveProperty('x_sandbox');
  });

  it('sparse-logs: request logs come without request_id and the other optional fields', async () => {
    await setDialects(sandbox, ['sparse-logs']);
    const [a] = twoAccountsWithLogs();
    const { body } = await getJson<{ data: LogEntry[]; next: string | null }>(
      `/requests/logs?page_size=5&include=step_logs`,
    );
    expect(body.data).toHaveLength(5);
    expect(body.next).toEqual(expect.any(String));
    for (const entry of body.data) {
      for (const gone of ['request_id', 'source_type', 'url', 'project_id', 'step_requests'])
        expect(entry).not.toHaveProperty(gone);
      expect(entry).toMatchObject({ account_id: expect.any(String), status: expect.any(Number) });
    }
    // The cursor still pages, and filters still apply.
    const next = await getJson<{ data: LogEntry[] }>(
      `/requests/logs?page_size=5&include=step_logs&next=${body.next}`,
    );
    expect(next.body.data).toHaveLength(5);
    const filtered = await getJson<{ data: LogEntry[] }>(`/requests/logs?account_ids=${a}`);
    expect(filtered.body.data.every((l) => l.account_id === a)).toBe(true);
    const detail = await getJson<{ data: LogEntry }>(
      `/requests/logs/${sandbox.context.store.logs[0]!.request_id}`,
    );
    expect(detail.body.data).not.toHaveProperty('request_id');
    expect(detail.body.data).toHaveProperty('response');
  });

  it('logs-filter-bracket: only filter[account_ids] filters request logs; a bare account_ids is ignored', async () => {
    await setDialects(sandbox, ['logs-filter-bracket']);
    const [a] = twoAccountsWithLogs();
    const bare = await getJson<{ data: LogEntry[] }>(`/requests/logs?account_ids=${a}&page_size=100`);
    expect(bare.status).toBe(200);
    expect(bare.body.data.some((l) => l.account_id !== a)).toBe(true);
    const bracket = await getJson<{ data: LogEntry[] }>(
      `/requests/logs?filter%5Baccount_ids%5D=${a}&account_ids=nobody&page_size=100`,
    );
    expect(bracket.body.data.length).toBeGreaterThan(0);
    expect(bracket.body.data.every((l) => l.account_id === a)).toBe(true);
  });

  it('label-object: a string label is a 400 with StackOne\'s error body; {"value": …} sets it', async () => {
    await setDialects(sandbox, ['label-object']);
    const id = allIds()[0]!;
    const before = sandbox.context.store.getAccount(id)!.label;
    const refused = await patch(id, { label: 'EU entity' });
    expect(refused.status).toBe(400);
    expectErrorBody(refused.body, 400, /^label must be an object/);
    expect(sandbox.context.store.getAccount(id)!.label).toBe(before);

    expect((await patch(id, { label: { value: 'EU entity' } })).body.label).toBe('EU entity');
    expect((await patch(id, { label: {} })).body.label).toBe('EU entity');
    expect((await patch(id, { label: null })).body.label).toBeNull();
    const badValue = await patch(id, { label: { value: 7 } });
    expect(badValue.status).toBe(400);
    expectErrorBody(badValue.body, 400, /^label\.value must be a string or null$/);
  });

  it('bare-webhooks: bodies carry only event and account_id, so break and repair send identical bytes', async () => {
    await setDialects(sandbox, ['bare-webhooks']);
    const target = sandbox.context.store.listAccounts().find((a) => a.status === 'active')!;
    const mark = receiver.requests.length;
    await control(`/accounts/${target.id}/break`, { method: 'POST' });
    await control(`/accounts/${target.id}/repair`, { method: 'POST' });
    const delivered = await deliveriesSince(mark, target.id, 2);
    expect(delivered.map((d) => d.json)).toEqual([
      { event: 'account.updated', account_id: target.id },
      { event: 'account.updated', account_id: target.id },
    ]);
    expect(delivered[0]!.body).toBe(delivered[1]!.body);
    expect(delivered.every((d) => d.signatureValid)).toBe(true);
  });

  it('slow-429: the rate limit answers Retry-After: 60 whatever is left of the minute', async () => {
    await setDialects(sandbox, ['slow-429']);
    expect(await rateLimitedRetryAfter()).toBe('60');
  });
});

describe('dialects together', () => {
  it('page-zero, page-size-25, short-pages and envelope still list every account once', async () => {
    await setDialects(sandbox, ['page-zero', 'page-size-25', 'short-pages', 'envelope']);
    const pages = await walk(0, 100, (b) => (b as { data: Wire[] }).data);
    expect(pages.map((p) => p.length).every((n) => n <= 25)).toBe(true);
    expect(pages.slice(0, -1).some((p) => p.length < 25)).toBe(true);
    expect(pages.flat().map((a) => a.id)).toEqual(allIds());
  });
});

describe('plausibility', () => {
  it('the official SDK still reads accounts and logs under extra-fields and sparse-logs', async () => {
    await setDialects(sandbox, ['extra-fields', 'sparse-logs']);
    const sdk = new StackOne({
      security: { username: sandbox.apiKey, password: '' },
      serverURL: sandbox.url,
      retryConfig: { strategy: 'none' },
      timeoutMs: 5000,
    });
    const { classes } = await sdk.accounts.listLinkedAccounts({ pageSize: 100 });
    expect(classes?.map((a) => a.id)).toEqual(allIds());
    expect(classes?.some((a) => a.status === 'suspended')).toBe(true);
    const { unifiedLogsPaginated } = await sdk.requestLogs.listLogs({ pageSize: 5 });
    expect(unifiedLogsPaginated?.data).toHaveLength(5);
    for (const log of unifiedLogsPaginated?.data ?? []) {
      expect(log.requestId).toBeUndefined();
      expect(typeof log.accountId).toBe('string');
    }
  });
});
