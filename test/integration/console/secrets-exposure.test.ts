import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SANDBOX_API_KEY } from '../../../server/sandbox/config.ts';
import {
  startTestConsole,
  TEST_ADMIN,
  TEST_WEBHOOK_SECRET,
  type TestConsole,
} from '../../support/console.ts';
import { platformFetch } from '../../support/sandbox.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );

/**
 * The built SPA: dist/web when it is newer than every source it is built from, otherwise a fresh
 * build into a temporary folder (so that a build here never disturbs another suite reading dist/web).
 */
async function builtSpa(): Promise<{ dir: string; temporary: boolean }> {
  const dist = join(ROOT, 'dist/web');
  const index = join(dist, 'index.html');
  const sources = [
    ...filesUnder(join(ROOT, 'web')),
    ...filesUnder(join(ROOT, 'shared')),
    join(ROOT, 'vite.config.ts'),
  ];
  const newestSource = Math.max(...sources.map((f) => statSync(f).mtimeMs));
  if (existsSync(index) && statSync(index).mtimeMs > newestSource) return { dir: dist, temporary: false };
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-spa-'));
  await promisify(execFile)(
    'npx',
    ['vite', 'build', '--outDir', dir, '--emptyOutDir', '--logLevel', 'error'],
    {
      cwd: ROOT,
    },
  );
  return { dir, temporary: true };
}

interface Seen {
  what: string;
  status: number;
  headers: string;
  body: string;
}

const basic = (key: string) => Buffer.from(`${key}:`).toString('base64');
/** Shaped like a StackOne API key (`v1.{region}.…`). */
const API_KEY_LIKE = /v1\.[a-z]+\d*\.[A-Za-z0-9_-]{8,}/;

// What reaches a browser does not depend on the database kind.
describe('secrets the browser must never see', () => {
  let t: TestConsole;
  let spa: { dir: string; temporary: boolean };
  let accountId: string;
  /** The key and the webhook secrets, which only the server may know. */
  let serverSecrets: string[];
  /** Providers' credentials StackOne keeps for each account. */
  let accountSecrets: string[];
  const seen: Seen[] = [];

  beforeAll(async () => {
    spa = await builtSpa();
    t = await startTestConsole({
      autoSync: false,
      spaDir: spa.dir,
      sandbox: { accounts: 8, webhookUrls: [] },
    });
    await t.console.deps.sync.runFull();
    const accounts = (await (await platformFetch(t.sandbox, '/accounts')).json()) as { id: string }[];
    accountId = accounts[0]!.id;
    const { config } = t.console.deps;
    serverSecrets = [
      DEFAULT_SANDBOX_API_KEY,
      basic(DEFAULT_SANDBOX_API_KEY),
      t.sandbox.apiKey,
      config.stackOne.apiKey,
      basic(config.stackOne.apiKey),
      TEST_WEBHOOK_SECRET,
      ...config.webhookSecrets,
      config.auth.secret!,
    ];
    accountSecrets = t.sandbox.context.store
      .listAccounts()
      .flatMap((a) => Object.values((a as { secrets?: Record<string, string> }).secrets ?? {}))
      .filter((s) => s.length >= 8);
    expect(accountSecrets.length).toBeGreaterThan(0);
    await tour();
  }, 240_000);
  afterAll(async () => {
    await t?.close();
    if (spa?.temporary) rmSync(spa.dir, { recursive: true, force: true });
  });

  const record = async (what: string, res: Response, body?: string) => {
    seen.push({
      what,
      status: res.status,
      headers: JSON.stringify([...res.headers]),
      body: body ?? (await res.text()),
    });
  };
  const fault = (rule: Record<string, unknown>) =>
    platformFetch(t.sandbox, '/_sandbox/faults', { method: 'POST', body: JSON.stringify(rule) });
  const clearFaults = () => platformFetch(t.sandbox, '/_sandbox/faults', { method: 'DELETE' });

  /** Every route, as admin and anonymous, with bad input and with StackOne failing. */
  async function tour() {
    const admin = await t.signIn(TEST_ADMIN.email, TEST_ADMIN.password);
    const calls: [string, RequestInit?][] = [
      ['/api/health'],
      ['/api/ready'],
      ['/api/setup'],
      [
        '/api/setup',
        { method: 'POST', body: JSON.stringify({ email: 'x@x.test', name: 'X', password: 'x-password-1' }) },
      ],
      ['/api/me'],
      ['/api/auth/get-session'],
      ['/api/accounts'],
      ['/api/accounts?status=bogus&page=0'],
      [`/api/accounts/${accountId}`],
      ['/api/accounts/no-such-account'],
      [`/api/accounts/${accountId}/logs`],
      ['/api/connectors'],
      [`/api/accounts/${accountId}`, { method: 'PATCH', body: JSON.stringify({ label: 'Tour' }) }],
      [`/api/accounts/${accountId}`, { method: 'PATCH', body: '{"label": 42' }],
      [
        `/api/accounts/${accountId}/connect-session`,
        { method: 'POST', body: JSON.stringify({ purpose: 'hub' }) },
      ],
      [
        `/api/accounts/${accountId}/connect-session`,
        { method: 'POST', body: JSON.stringify({ purpose: 'auth_link' }) },
      ],
      [
        '/api/connect-sessions',
        { method: 'POST', body: JSON.stringify({ originOwnerId: 'c1', originOwnerName: 'C1', label: 'x' }) },
      ],
      ['/api/connect-sessions', { method: 'POST', body: JSON.stringify({ categories: ['nope'] }) }],
      ['/api/users'],
      [
        '/api/users',
        {
          method: 'POST',
          body: JSON.stringify({
            email: 'tour@x.test',
            name: 'Tour',
            password: 'tour-password-1',
            role: 'viewer',
          }),
        },
      ],
      ['/api/users/nobody', { method: 'PATCH', body: JSON.stringify({ role: 'admin' }) }],
      ['/api/audit?pageSize=500'],
      ['/api/audit.csv'],
      ['/api/nope'],
      ['/'],
      ['/accounts/123'],
      ['/index.html'],
    ];
    for (const cookie of [admin, '']) {
      for (const [path, init] of calls) {
        await record(
          `${cookie ? 'admin' : 'anonymous'} ${init?.method ?? 'GET'} ${path}`,
          await t.api(path, { ...init, cookie }),
        );
      }
      await record(
        'sign-in',
        await t.api('/api/auth/sign-in/email', {
          method: 'POST',
          cookie: '',
          body: JSON.stringify(TEST_ADMIN),
        }),
      );
      await record(
        'failed sign-in',
        await t.api('/api/auth/sign-in/email', {
          method: 'POST',
          cookie: '',
          body: JSON.stringify({ email: TEST_ADMIN.email, password: 'wrong-password' }),
        }),
      );
    }

    // StackOne failing, every way the sandbox can.
    for (const status of [500, 502, 503]) {
      await fault({ status });
      for (const [path, init] of [
        [`/api/accounts/${accountId}`],
        [`/api/accounts/${accountId}/logs`],
        [`/api/accounts/${accountId}`, { method: 'PATCH', body: JSON.stringify({ label: 'Fail' }) }],
        [
          `/api/accounts/${accountId}/connect-session`,
          { method: 'POST', body: JSON.stringify({ purpose: 'hub' }) },
        ],
        ['/api/ready'],
      ] as [string, RequestInit?][]) {
        await record(
          `upstream ${status}: ${init?.method ?? 'GET'} ${path}`,
          await t.api(path, { ...init, cookie: admin }),
        );
      }
      await clearFaults();
    }

    // The live stream: its first bytes.
    const abort = new AbortController();
    const events = await t.api('/api/events', { cookie: admin, signal: abort.signal });
    const first = await events.body!.getReader().read();
    await record('GET /api/events', events, new TextDecoder().decode(first.value));
    abort.abort();

    // Webhooks, badly and well signed.
    const payload = JSON.stringify({ event: 'account.updated', account_id: accountId });
    await record(
      'webhook with a bad signature',
      await fetch(`${t.console.url}/webhooks/stackone`, {
        method: 'POST',
        headers: { 'x-stackone-signature': 'nope' },
        body: payload,
      }),
    );
    const signature = createHmac('sha256', TEST_WEBHOOK_SECRET).update(payload).digest('base64url');
    await record(
      'webhook well signed',
      await fetch(`${t.console.url}/webhooks/stackone`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-stackone-signature': signature },
        body: payload,
      }),
    );

    // Every file of the SPA, as served.
    for (const file of filesUnder(spa.dir)) {
      const path = file.slice(spa.dir.length).replace(/\\/g, '/');
      await record(`GET ${path}`, await t.api(path, { cookie: '' }));
    }
  }

  it('toured every route, including errors and upstream failures', () => {
    const statuses = new Set(seen.map((s) => s.status));
    for (const status of [200, 201, 400, 401, 404, 409, 503])
      expect(statuses, String(status)).toContain(status);
    expect(seen.find((s) => s.what === 'GET /api/events')?.body).toContain('connected');
    expect(seen.filter((s) => s.what.startsWith('GET /assets/')).length).toBeGreaterThan(0);
  });

  it('answers the API key and the webhook secrets in no body and no header', () => {
    for (const s of seen) {
      const text = s.headers + s.body;
      for (const secret of serverSecrets)
        expect(text.includes(secret), `${s.what} answered a secret`).toBe(false);
      expect(text, s.what).not.toMatch(API_KEY_LIKE);
      expect(text, s.what).not.toMatch(/whsec_/);
    }
  });

  it("answers no provider credentials of any account and no user's password", () => {
    for (const s of seen) {
      const text = s.headers + s.body;
      for (const secret of [...accountSecrets, TEST_ADMIN.password, 'tour-password-1'])
        expect(text.includes(secret), `${s.what} answered a credential`).toBe(false);
    }
  });

  it('builds no secret into any file of the SPA', () => {
    const files = filesUnder(spa.dir);
    expect(files.some((f) => f.endsWith('.js'))).toBe(true);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const secret of [
        DEFAULT_SANDBOX_API_KEY,
        basic(DEFAULT_SANDBOX_API_KEY),
        t.sandbox.apiKey,
        TEST_WEBHOOK_SECRET,
      ])
        expect(text.includes(secret), `${file} holds a secret`).toBe(false);
      expect(text, file).not.toMatch(API_KEY_LIKE);
      expect(text, file).not.toMatch(/whsec_[A-Za-z0-9]/);
    }
  });

  describe('security headers', () => {
    const csp = (res: Response) =>
      Object.fromEntries(
        (res.headers.get('content-security-policy') ?? '')
          .split(';')
          .map((d) => d.trim().split(/\s+/))
          .map(([name, ...values]) => [name!, values]),
      ) as Record<string, string[]>;

    it('serves the page with a CSP that lets the SPA reach the Hub and show its logos, and nothing more', async () => {
      const res = await t.api('/', { cookie: '' });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const policy = csp(res);
      const hub = new URL(t.sandbox.url).origin;
      expect(policy['default-src']).toEqual(["'self'"]);
      expect(policy['script-src']).toEqual(["'self'"]);
      expect(policy['connect-src']).toEqual(expect.arrayContaining(["'self'", hub]));
      expect(policy['frame-src']).toContain(hub);
      expect(policy['frame-ancestors']).toEqual(["'none'"]);
      expect(policy['object-src']).toEqual(["'none'"]);
      // Logos come from where StackOne says they are.
      const { items } = await (await t.client.connectors.$get()).json();
      const logoOrigins = new Set(items.flatMap((c) => (c.logoUrl ? [new URL(c.logoUrl).origin] : [])));
      expect(logoOrigins.size).toBeGreaterThan(0);
      for (const origin of logoOrigins) expect(policy['img-src']).toContain(origin);
    });

    it('has no inline script in the page, which its own CSP would block', async () => {
      const html = await (await t.api('/', { cookie: '' })).text();
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attributes, content] of scripts) {
        expect(attributes).toMatch(/\bsrc=/);
        expect(content!.trim()).toBe('');
      }
    });

    it.each(['/', '/api/health', '/api/accounts', '/api/nope'])(
      'answers %s with nosniff, a referrer policy and no framing',
      async (path) => {
        const res = await t.api(path, { cookie: '' });
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
        expect(res.headers.get('x-frame-options')).toBe('DENY');
        expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      },
    );
  });
});
