import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { hc, type InferResponseType } from 'hono/client';
import pg from 'pg';
import type { AppType } from '../../server/app.ts';
import type { Config } from '../../server/config/config.ts';
import type { SandboxOptions } from '../../server/sandbox/config.ts';
import type { RunningSandbox } from '../../server/sandbox/start-sandbox.ts';
import { loadConfig } from '../../server/config/load-config.ts';
import type { DatabaseConfig } from '../../server/db/client.ts';
import { startConsole, type RunningConsole, type StartConsoleOptions } from '../../server/start-console.ts';
import { migratedMemoryDatabase } from './pglite-template.ts';
import { startTestSandbox } from './sandbox.ts';

export const TEST_WEBHOOK_SECRET = 'whsec_test_console';
/** Where `vite build` (`npm run build`, `npm run test:e2e`) writes the SPA. */
export const SPA_DIST_DIR = fileURLToPath(new URL('../../dist/web', import.meta.url));
export const TEST_ADMIN = { email: 'admin@switchboard.test', password: 'admin-password-1' };
const TEST_AUTH_SECRET = 'test-auth-secret-0123456789abcdef0123456789';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.once('error', reject);
  });
}

/** The databases an integration suite runs on: PGlite always, Postgres when TEST_DATABASE_URL is set. */
export const TEST_DATABASES: { name: string; kind: 'pglite' | 'postgres' }[] = [
  { name: 'PGlite', kind: 'pglite' },
  ...(process.env.TEST_DATABASE_URL ? [{ name: 'PostgreSQL', kind: 'postgres' as const }] : []),
];

/**
 * A fresh database of the kind: an in-memory PGlite (loaded from the migrated template), or a new
 * Postgres database dropped on cleanup.
 */
export async function freshDatabase(
  kind: 'pglite' | 'postgres',
): Promise<{ config: DatabaseConfig; drop(): Promise<void> }> {
  if (kind === 'pglite') return { config: await migratedMemoryDatabase(), drop: async () => {} };
  const base = process.env.TEST_DATABASE_URL!;
  const name = `sb_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    config: { kind: 'postgres', url: url.toString() },
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** The typed client of the console's `/api` (`hc<AppType>`, as the web app's): paths, inputs and bodies. */
export type ConsoleClient = ReturnType<typeof hc<AppType>>;
/**
 * The success body of a client endpoint, for an answer read through `api()` where the client cannot
 * send the request: a raw query string, or a body that leaves out what the server defaults (the
 * client's inputs are typed as the validators' outputs). `SuccessBody<ConsoleClient['audit']['$get']>`.
 */
export type SuccessBody<Endpoint> = InferResponseType<Endpoint>;

export interface TestConsole {
  console: RunningConsole;
  sandbox: RunningSandbox;
  /** The console's database, for a second console on the same one (several processes). */
  database: DatabaseConfig;
  /**
   * fetch against the console (`/api/...`) as a browser on the console's page would: signed in as
   * the test admin (unless `cookie` is given, '' for anonymous) and with the console's Origin.
   */
  api(path: string, init?: RequestInit & { cookie?: string }): Promise<Response>;
  /** The typed client of `/api` as the same browser: signed in as the test admin, with the Origin. */
  client: ConsoleClient;
  /**
   * The typed client signed in with another cookie (`signIn`, `userCookie`), or '' for anonymous;
   * `headers` are sent with every request (a user agent, say).
   */
  clientAs(cookie: string, headers?: Record<string, string>): ConsoleClient;
  /** Signs in and answers the session cookie (throws when sign-in fails). */
  signIn(email: string, password: string): Promise<string>;
  /** Creates a user with the role (as the admin) and answers its session cookie. */
  userCookie(role: 'viewer' | 'support' | 'manager' | 'admin'): Promise<string>;
  /**
   * Stops the console and starts a new one on the same port, sandbox and database (or `database`, a
   * PGlite dump say, for an in-memory one), running `whileStopped` in between; `console` is then the
   * new one.
   */
  restartConsole(options?: {
    database?: DatabaseConfig;
    whileStopped?: () => Promise<void>;
  }): Promise<RunningConsole>;
  close(): Promise<void>;
}

/**
 * A sandbox and a console wired as `npm start` wires them (the sandbox's webhooks signed with the
 * console's secret and sent to the console), each on a free port, with a fresh database.
 */
export async function startTestConsole(options: TestConsoleOptions = {}): Promise<TestConsole> {
  // freePort() frees the port it found before the console takes it: another test file may take it in
  // between. That start fails with EADDRINUSE, having closed what it opened; another port is tried.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startTestConsoleOnce(options);
    } catch (err) {
      if (attempt >= 5 || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    }
  }
}

type TestConsoleOptions = {
  database?: 'pglite' | 'postgres';
  sandbox?: Partial<SandboxOptions>;
  env?: Record<string, string>;
  autoSync?: boolean;
  /** false: no SWITCHBOARD_ADMIN_* (the first-run setup is open); `api()` then needs an explicit cookie. */
  seedAdmin?: boolean;
  /** Changes the parsed config, for values the env schema rightly refuses (a session of seconds). */
  adjustConfig?: (config: Config) => Config;
  /** Serve this built SPA at `/` (browser tests pass `SPA_DIST_DIR`, filled by `vite build`). */
  spaDir?: string;
  /** The webhook queue's retry policy and claim lease (shortened to test retries). */
  webhookQueue?: StartConsoleOptions['webhookQueue'];
  /** The alerts' retry policy, lease and tick. */
  alerts?: StartConsoleOptions['alerts'];
  /** Bulk jobs' pace and lease, and the links' settle tick. */
  links?: StartConsoleOptions['links'];
};

async function startTestConsoleOnce(options: TestConsoleOptions): Promise<TestConsole> {
  const consolePort = await freePort();
  const sandbox = await startTestSandbox({
    webhookUrls: [`http://127.0.0.1:${consolePort}/webhooks/stackone`],
    webhookSecret: TEST_WEBHOOK_SECRET,
    ...options.sandbox,
  });
  const seedAdmin = options.seedAdmin ?? true;
  const parsed = loadConfig({
    PORT: String(consolePort),
    STACKONE_API_KEY: sandbox.apiKey,
    STACKONE_BASE_URL: sandbox.url,
    STACKONE_HUB_APP_URL: sandbox.url,
    STACKONE_WEBHOOK_SECRETS: TEST_WEBHOOK_SECRET,
    STACKONE_TIMEOUT_MS: '3000',
    SYNC_INTERVAL: '0',
    AUTH_SECRET: TEST_AUTH_SECRET,
    ...(seedAdmin
      ? { SWITCHBOARD_ADMIN_EMAIL: TEST_ADMIN.email, SWITCHBOARD_ADMIN_PASSWORD: TEST_ADMIN.password }
      : {}),
    ...options.env,
  });
  const config = options.adjustConfig ? Object.freeze(options.adjustConfig({ ...parsed })) : parsed;
  const db = await freshDatabase(options.database ?? 'pglite');
  const start = (database: DatabaseConfig) =>
    startConsole(config, {
      database,
      autoSync: options.autoSync,
      spaDir: options.spaDir,
      webhookQueue: options.webhookQueue,
      alerts: options.alerts,
      links: options.links,
    });
  let running: RunningConsole;
  try {
    running = await start(db.config);
  } catch (err) {
    await sandbox.close();
    await db.drop();
    throw err;
  }
  const origin = new URL(config.publicUrl).origin;
  const raw = (path: string, init: RequestInit & { cookie?: string }, cookie: string) => {
    const { cookie: _ignored, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (rest.body && !headers.has('content-type')) headers.set('content-type', 'application/json');
    if (!headers.has('origin')) headers.set('origin', origin);
    if (cookie && !headers.has('cookie')) headers.set('cookie', cookie);
    return fetch(`${running.url}${path}`, { ...rest, headers });
  };
  const signIn = async (email: string, password: string) => {
    const res = await raw(
      '/api/auth/sign-in/email',
      { method: 'POST', body: JSON.stringify({ email, password }) },
      '',
    );
    if (!res.ok) throw new Error(`sign-in as ${email} failed: ${res.status} ${await res.text()}`);
    return res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
  };
  let adminCookie: Promise<string> | null = null;
  const admin = () => (adminCookie ??= signIn(TEST_ADMIN.email, TEST_ADMIN.password));
  const clientWith = (cookie: () => Promise<string>, headers: Record<string, string> = {}) =>
    hc<AppType>(`${running.url}/api`, {
      headers: async (): Promise<Record<string, string>> => {
        const value = await cookie();
        return { origin, ...(value ? { cookie: value } : {}), ...headers };
      },
    });
  let users = 0;
  const testConsole: TestConsole = {
    console: running,
    sandbox,
    database: db.config,
    api: async (path, init = {}) => raw(path, init, init.cookie ?? (await admin())),
    client: clientWith(admin),
    clientAs: (cookie, headers) => clientWith(async () => cookie, headers),
    signIn,
    userCookie: async (role) => {
      const email = `${role}-${++users}@switchboard.test`;
      const password = `${role}-password-1`;
      const res = await raw(
        '/api/users',
        { method: 'POST', body: JSON.stringify({ email, name: role, password, role }) },
        await admin(),
      );
      if (res.status !== 201) throw new Error(`creating a ${role} failed: ${res.status} ${await res.text()}`);
      return signIn(email, password);
    },
    restartConsole: async ({ database = db.config, whileStopped } = {}) => {
      await running.close();
      await whileStopped?.();
      running = await start(database);
      testConsole.console = running;
      return running;
    },
    close: async () => {
      await running.close();
      await sandbox.close();
      await db.drop();
    },
  };
  return testConsole;
}
