/**
 * The accounts table over a large index: a sandbox with 100,000 accounts, a console on a PGlite folder
 * (the embedded default) synced to it as `npm start` does, and Chromium timing navigation to
 * `/accounts?pageSize=100` until the 100th row is in the DOM. Baselines from the same run: the
 * signed-out login page (the SPA's own boot), a static page with a 100-row table (the browser's
 * floor), and `GET /api/accounts?pageSize=100` alone. Goal: the table under 500 ms.
 *
 * With a second SPA build (`npx vite build --outDir /tmp/spa-b`) as third argument, a second console
 * on its own PGlite folder serves it, and first visits alternate between the two builds: an A/B of
 * a build change on one machine at one moment. With `no-first-paint` instead, B is the same build
 * served without the server's first paint of `/accounts` (server/first-paint).
 *
 *   npx tsx bench/table.ts [accounts=100000] [runs=10] [spa-dir-b | no-first-paint]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadConfig } from '../server/config/load-config.ts';
import { startSandbox } from '../server/sandbox/start-sandbox.ts';
import { startConsole } from '../server/start-console.ts';
import { launchBrowser } from '../test/support/browser.ts';

const ACCOUNTS = Number(process.argv[2] ?? 100_000);
const RUNS = Number(process.argv[3] ?? 10);
const B_WITHOUT_FIRST_PAINT = process.argv[4] === 'no-first-paint';
const SPA_DIR_B = B_WITHOUT_FIRST_PAINT ? undefined : process.argv[4];
const HAS_B = B_WITHOUT_FIRST_PAINT || SPA_DIR_B !== undefined;
const B_LABEL = B_WITHOUT_FIRST_PAINT ? 'without the first paint' : `with the build in ${SPA_DIR_B}`;
const WARMUP = 2;
const GOAL_MS = 500;
const ROWS = 100;
const API_KEY = 'v1.bench.table-key';
const ADMIN = { email: 'bench@switchboard.test', password: 'bench-password-1' };
const root = fileURLToPath(new URL('..', import.meta.url));
const spaDir = join(root, 'dist/web');

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
const stats = (samples: readonly number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), n: sorted.length };
};
const fmt = (ms: number) => `${ms.toFixed(0)} ms`.padStart(8);
const report = (label: string, samples: readonly number[]) => {
  const s = stats(samples);
  console.log(`${label.padEnd(56)} median ${fmt(s.p50)}  p95 ${fmt(s.p95)}  (n=${s.n})`);
  return s;
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.once('error', reject);
  });
}

/**
 * Runs in the page before its own scripts: records, from navigation start, the first frame painted
 * once `count(selector) >= n` holds. The condition is watched by a MutationObserver (so the figure
 * does not include the driver's polling); the time is taken after the next animation frame, so rows
 * in the DOM but not yet painted (the main thread busy running scripts) do not count as shown. A
 * string, not a function: tsx would wrap a function in helpers the page lacks.
 */
const readyProbe = (selector: string, n: number, mark = '__readyAt') => `(() => {
  window.${mark} = null;
  let seen = false;
  const check = () => {
    if (!seen && document.querySelectorAll(${JSON.stringify(selector)}).length >= ${n}) {
      seen = true;
      requestAnimationFrame(() => setTimeout(() => (window.${mark} = performance.now())));
    }
    return seen;
  };
  const observer = new MutationObserver(() => check() && observer.disconnect());
  observer.observe(document, { childList: true, subtree: true });
})();`;

/** Where a first visit's time goes: each request's start and end, from navigation start. */
async function printWaterfall(page: Page) {
  const entries = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => e as PerformanceResourceTiming)
      .map((e) => ({ name: e.name, start: e.startTime, end: e.responseEnd })),
  );
  const readyAt = await page.evaluate(() => (window as unknown as { __readyAt: number }).__readyAt);
  console.log('\nthe last first visit, from navigation start (ms):');
  for (const e of entries.sort((a, b) => a.start - b.start))
    console.log(
      `  ${e.start.toFixed(0).padStart(6)} → ${e.end.toFixed(0).padStart(6)}  ${new URL(e.name).pathname}${new URL(e.name).search}`.slice(
        0,
        160,
      ),
    );
  const spaAt = await page.evaluate(() => (window as unknown as { __spaAt: number }).__spaAt);
  console.log(`  ${readyAt.toFixed(0).padStart(6)}            ${ROWS} rows in the DOM`);
  console.log(`  ${spaAt.toFixed(0).padStart(6)}            ${ROWS} rows drawn by the SPA`);
}

async function timeUntilReady(page: Page, url: string, mark = '__readyAt'): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction((m) => (window as unknown as Record<string, number | null>)[m] != null, mark, {
    timeout: 30_000,
  });
  return page.evaluate((m) => (window as unknown as Record<string, number>)[m]!, mark);
}

/** The time the SPA itself had drawn the rows (`__spaAt`), on a page already loaded by timeUntilReady. */
async function spaDrawnAt(page: Page): Promise<number> {
  await page.waitForFunction(() => (window as unknown as { __spaAt: number | null }).__spaAt != null, null, {
    timeout: 30_000,
  });
  return page.evaluate(() => (window as unknown as { __spaAt: number }).__spaAt);
}

/** A page whose loads are timed until `n` elements match `selector`. */
async function probedPage(
  browser: Browser,
  selector: string,
  n: number,
  storageState?: Awaited<ReturnType<BrowserContext['storageState']>>,
) {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, storageState });
  await context.addInitScript(readyProbe(selector, n));
  // The same rows drawn by the SPA and shown: the server's first paint (server/first-paint) gone.
  await context.addInitScript(readyProbe(`body:not(:has(#first-paint)) #root ${selector}`, n, '__spaAt'));
  return context.newPage();
}

/** A static page with a 100-row table: what the browser alone needs to show that many rows. */
async function startStaticPage() {
  const rows = Array.from(
    { length: ROWS },
    (_, i) =>
      `<tr><td><a href="/a/${i}">Customer ${i}</a></td><td>BambooHR</td><td>—</td><td>Active</td><td>production</td><td>user${i}@example.com</td><td>2 days ago</td></tr>`,
  ).join('');
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Static</title></head><body><table aria-label="Accounts"><tbody>${rows}</tbody></table></body></html>`;
  const server = createHttpServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end(html),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

if (!existsSync(join(spaDir, 'index.html'))) {
  console.log('building the SPA (vite build)…');
  execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

const started = performance.now();
const sandbox = await startSandbox({
  port: 0,
  apiKey: API_KEY,
  accounts: ACCOUNTS,
  seed: 42,
  webhookUrls: [],
  // Measuring speed, not StackOne's 1,000 requests a minute.
  rateLimitPerMinute: 1_000_000_000,
});
console.log(
  `sandbox with ${ACCOUNTS.toLocaleString('en')} accounts: ${((performance.now() - started) / 1000).toFixed(1)} s`,
);

/** A console on a fresh PGlite folder serving `spa`, synced to the sandbox as `npm start` does. */
async function startSyncedConsole(spa: string, firstPaint = true) {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-table-'));
  const port = await freePort();
  const config = loadConfig({
    PORT: String(port),
    STACKONE_API_KEY: API_KEY,
    STACKONE_BASE_URL: sandbox.url,
    STACKONE_HUB_APP_URL: sandbox.url,
    STACKONE_WEBHOOK_SECRETS: 'whsec_bench_table',
    DATA_DIR: dataDir,
    SYNC_INTERVAL: '0',
    AUTH_SECRET: 'bench-auth-secret-0123456789abcdef0123456789',
    SWITCHBOARD_ADMIN_EMAIL: ADMIN.email,
    SWITCHBOARD_ADMIN_PASSWORD: ADMIN.password,
  });
  let started = performance.now();
  const running = await startConsole(config, { spaDir: spa, autoSync: true, firstPaint });
  console.log(
    `console started (PGlite folder, migrations): ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  started = performance.now();
  while ((await running.deps.sync.syncedAt()) === null) {
    const status = running.deps.sync.status();
    if (status.state === 'failed') throw new Error(`sync failed: ${JSON.stringify(status)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const syncSeconds = (performance.now() - started) / 1000;
  console.log(
    `first sync of ${ACCOUNTS.toLocaleString('en')} accounts: ${syncSeconds.toFixed(1)} s ` +
      `(${Math.round(ACCOUNTS / syncSeconds).toLocaleString('en')} accounts/s; sandbox in the same process)`,
  );
  return {
    running,
    close: async () => {
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in on `origin` and returns the session's storage state and cookie header. */
async function signIn(page: Page, origin: string) {
  await page.goto(`${origin}/login`);
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
  const storage = await page.context().storageState();
  return { storage, cookie: storage.cookies.map((c) => `${c.name}=${c.value}`).join('; ') };
}

const consoleA = await startSyncedConsole(spaDir);
const consoleB = HAS_B ? await startSyncedConsole(SPA_DIR_B ?? spaDir, !B_WITHOUT_FIRST_PAINT) : null;
const running = consoleA.running;

const browser = await launchBrowser();
const staticPage = await startStaticPage();
try {
  const origin = running.url;
  const tableUrl = `${origin}/accounts?pageSize=${ROWS}`;
  const rowSelector = 'table[aria-label="Accounts"] tbody tr a[href^="/accounts/"]';

  const page = await probedPage(browser, rowSelector, ROWS);
  const { storage, cookie } = await signIn(page, origin);
  const storageB = consoleB
    ? (await signIn(await probedPage(browser, rowSelector, ROWS), consoleB.running.url)).storage
    : null;
  const loginPage = await probedPage(browser, 'form button[type="submit"]', 1);
  const staticTab = await probedPage(browser, 'tbody tr a', ROWS);

  const samples = {
    table: [] as number[],
    cold: [] as number[],
    coldSpa: [] as number[],
    tableSpa: [] as number[],
    coldB: [] as number[],
    coldSpaB: [] as number[],
    login: [] as number[],
    static: [] as number[],
    api: [] as number[],
  };
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const table = await timeUntilReady(page, tableUrl);
    const tableSpa = await spaDrawnAt(page);
    const login = await timeUntilReady(loginPage, `${origin}/login`);
    const floor = await timeUntilReady(staticTab, staticPage.url);
    const t0 = performance.now();
    const res = await fetch(`${origin}/api/accounts?pageSize=${ROWS}`, { headers: { cookie } });
    if (!res.ok) throw new Error(`GET /api/accounts: ${res.status}`);
    await res.arrayBuffer();
    const api = performance.now() - t0;
    if (i < WARMUP) continue;
    samples.table.push(table);
    samples.tableSpa.push(tableSpa);
    samples.login.push(login);
    samples.static.push(floor);
    samples.api.push(api);
  }
  // A first visit: a fresh context (empty HTTP cache), already signed in.
  // With a second build, A and B alternate so that the machine's drift falls on both alike.
  for (let i = 0; i < RUNS; i++) {
    const fresh = await probedPage(browser, rowSelector, ROWS, storage);
    samples.cold.push(await timeUntilReady(fresh, tableUrl));
    samples.coldSpa.push(await spaDrawnAt(fresh));
    if (i === RUNS - 1) await printWaterfall(fresh);
    await fresh.context().close();
    if (!consoleB || !storageB) continue;
    const freshB = await probedPage(browser, rowSelector, ROWS, storageB);
    samples.coldB.push(await timeUntilReady(freshB, `${consoleB.running.url}/accounts?pageSize=${ROWS}`));
    samples.coldSpaB.push(await spaDrawnAt(freshB));
    await freshB.context().close();
  }

  console.log(`\nChromium, from navigation start, ${RUNS} runs after ${WARMUP} warm-up`);
  const table = report(`/accounts?pageSize=${ROWS} → ${ROWS} rows (returning, cached assets)`, samples.table);
  const cold = report(`/accounts?pageSize=${ROWS} → ${ROWS} rows (first visit, empty cache)`, samples.cold);
  report(`  the same rows drawn by the SPA (returning)`, samples.tableSpa);
  report(`  the same rows drawn by the SPA (first visit)`, samples.coldSpa);
  if (consoleB) {
    const coldB = report(`B, ${B_LABEL}: first visit`, samples.coldB);
    const coldSpaB = report(`B: the same rows drawn by the SPA (first visit)`, samples.coldSpaB);
    const coldSpa = stats(samples.coldSpa);
    console.log(
      `first visit, B / A: rows ${(coldB.p50 / cold.p50).toFixed(2)} at the median, ` +
        `${(coldB.p95 / cold.p95).toFixed(2)} at p95; drawn by the SPA ${(coldSpaB.p50 / coldSpa.p50).toFixed(2)} ` +
        `at the median, ${(coldSpaB.p95 / coldSpa.p95).toFixed(2)} at p95`,
    );
  }
  const login = report('baseline: signed-out /login → form shown', samples.login);
  const floor = report(`baseline: static page with a ${ROWS}-row table`, samples.static);
  const api = report(
    `GET /api/accounts?pageSize=${ROWS} (Node fetch, over ${ACCOUNTS} accounts)`,
    samples.api,
  );
  console.log(
    `\ntable vs login page: ${(table.p50 / login.p50).toFixed(2)}× (+${(table.p50 - login.p50).toFixed(0)} ms for the ` +
      `session check, the list query and ${ROWS} rows); vs static table ${(table.p50 / floor.p50).toFixed(1)}×; ` +
      `API share ${((api.p50 / table.p50) * 100).toFixed(0)}%`,
  );
  console.log(
    `goal < ${GOAL_MS} ms: returning ${(table.p50 / GOAL_MS).toFixed(2)} of the goal (p95 ${(table.p95 / GOAL_MS).toFixed(2)}), ` +
      `first visit ${(cold.p50 / GOAL_MS).toFixed(2)}`,
  );
} finally {
  await browser.close();
  await staticPage.close();
  await consoleA.close();
  await consoleB?.close();
  await sandbox.close();
}
