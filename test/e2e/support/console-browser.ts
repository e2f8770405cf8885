import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { Role } from '../../../shared/schemas/roles.ts';
import { launchBrowser } from '../../support/browser.ts';
import { SPA_DIST_DIR, startTestConsole, TEST_ADMIN, type TestConsole } from '../../support/console.ts';

export interface Credentials {
  email: string;
  password: string;
}

/**
 * A console error the page may log without failing the test: its text, and (for failed requests,
 * whose text names no URL) the URL it is about.
 */
export interface AllowedError {
  text: RegExp;
  url?: RegExp;
}

/**
 * A signed-out browser probes its session first and is answered 401 by design; Chromium logs that
 * response as "Failed to load resource". Nothing else is expected.
 */
export const SESSION_PROBE_401: AllowedError = {
  text: /^Failed to load resource: the server responded with a status of 401/,
  url: /\/api\/me$/,
};

export interface OpenOptions {
  /** Sign in through the login page first (as a new user of that role, or these credentials). */
  as?: Role | Credentials;
  /** Console errors this test expects (besides the signed-out session probe). */
  allow?: AllowedError[];
  /** Browser permissions for the context, e.g. the clipboard. */
  permissions?: string[];
}

export interface ConsoleBrowser {
  readonly console: TestConsole;
  readonly browser: Browser;
  /** Absolute URL on the console (an absolute URL stays as it is). */
  url(path: string): string;
  /** A user of the role, created once per spec file through the API. */
  user(role: Role): Promise<Credentials>;
  /**
   * A fresh browser context (a person of their own) on `path`, signed in when asked; its console
   * errors fail the test.
   */
  open(path: string, options?: OpenOptions): Promise<Page>;
}

const isAllowed = (msg: ConsoleMessage, allow: readonly AllowedError[]) =>
  allow.some((a) => a.text.test(msg.text()) && (!a.url || a.url.test(msg.location().url)));

function watchPage(page: Page, errors: string[], allow: readonly AllowedError[]) {
  page.on('console', (msg) => {
    if (msg.type() !== 'error' || isAllowed(msg, allow)) return;
    const where = msg.location().url;
    errors.push(`${page.url()}: ${msg.text()}${where ? ` (${where})` : ''}`);
  });
  page.on('pageerror', (err) => errors.push(`${page.url()}: ${String(err)}`));
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Fills the real login form and waits until the app has left it. */
export async function signInThroughPage(page: Page, credentials: Credentials): Promise<void> {
  await page.getByLabel('Email').fill(credentials.email);
  await page.getByLabel('Password').fill(credentials.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
}

/**
 * One console (sandbox + server + built SPA, started as `npm start` would, first sync done) and one
 * Chromium for the whole spec file. Every test gets fresh browser contexts, closed after it, and
 * fails on any console error its pages logged that it did not expect.
 */
export function useConsoleBrowser(
  options: { sandbox?: NonNullable<Parameters<typeof startTestConsole>[0]>['sandbox'] } = {},
): ConsoleBrowser {
  let t: TestConsole | undefined;
  let browser: Browser | undefined;
  let contexts: BrowserContext[] = [];
  let errors: string[] = [];
  const users = new Map<Role, Promise<Credentials>>();
  let userCount = 0;

  beforeAll(async () => {
    if (!existsSync(join(SPA_DIST_DIR, 'index.html'))) {
      throw new Error(`No built SPA in ${SPA_DIST_DIR}: run \`npm run test:e2e\` (or \`npx vite build\`).`);
    }
    [t, browser] = await Promise.all([
      startTestConsole({ spaDir: SPA_DIST_DIR, autoSync: true, sandbox: options.sandbox }),
      launchBrowser(),
    ]);
    // The index is filled by the start-up sync; wait for it like a user waits for the first list.
    await waitFor(async () => (await t!.console.deps.sync.syncedAt()) !== null, 'the first sync', 30_000);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  afterEach(async () => {
    const open = contexts;
    contexts = [];
    await Promise.all(open.map((c) => c.close()));
    const logged = errors;
    errors = [];
    expect(logged, 'unexpected console errors on the page').toEqual([]);
  });

  const createUser = async (role: Role): Promise<Credentials> => {
    const credentials = { email: `${role}-${++userCount}@e2e.test`, password: `${role}-e2e-password-1` };
    const res = await t!.api('/api/users', {
      method: 'POST',
      body: JSON.stringify({ ...credentials, name: `E2E ${role}`, role }),
    });
    if (res.status !== 201) throw new Error(`creating a ${role} failed: ${res.status} ${await res.text()}`);
    return credentials;
  };

  const ui: ConsoleBrowser = {
    get console() {
      return t!;
    },
    get browser() {
      return browser!;
    },
    url: (path) => (/^https?:/.test(path) ? path : `${t!.console.url}${path}`),
    user: (role) => {
      if (role === 'admin') return Promise.resolve(TEST_ADMIN);
      let user = users.get(role);
      if (!user) users.set(role, (user = createUser(role)));
      return user;
    },
    open: async (path, { as, allow = [], permissions } = {}) => {
      const context = await browser!.newContext({ viewport: { width: 1360, height: 900 }, permissions });
      contexts.push(context);
      const page = await context.newPage();
      watchPage(page, errors, [SESSION_PROBE_401, ...allow]);
      if (as === undefined) {
        await page.goto(ui.url(path));
        return page;
      }
      const credentials = typeof as === 'string' ? await ui.user(as) : as;
      await page.goto(ui.url(`/login?redirect=${encodeURIComponent(path)}`));
      await signInThroughPage(page, credentials);
      return page;
    },
  };
  return ui;
}
