import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import pg from 'pg';
import type { SandboxOptions } from '../../server/sandbox/config.ts';
import type { RunningSandbox } from '../../server/sandbox/start-sandbox.ts';
import { loadConfig } from '../../server/config/load-config.ts';
import type { DatabaseConfig } from '../../server/db/client.ts';
import { startConsole, type RunningConsole } from '../../server/start-console.ts';
import { startTestSandbox } from './sandbox.ts';

export const TEST_WEBHOOK_SECRET = 'whsec_test_console';

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

/** A fresh database of the kind: an in-memory PGlite, or a new Postgres database dropped on cleanup. */
export async function freshDatabase(
  kind: 'pglite' | 'postgres',
): Promise<{ config: DatabaseConfig; drop(): Promise<void> }> {
  if (kind === 'pglite') return { config: { kind: 'memory' }, drop: async () => {} };
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

export interface TestConsole {
  console: RunningConsole;
  sandbox: RunningSandbox;
  /** fetch against the console (`/api/...`). */
  api(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/**
 * A sandbox and a console wired as `npm start` wires them (the sandbox's webhooks signed with the
 * console's secret and sent to the console), each on a free port, with a fresh database.
 */
export async function startTestConsole(
  options: {
    database?: 'pglite' | 'postgres';
    sandbox?: Partial<SandboxOptions>;
    env?: Record<string, string>;
    autoSync?: boolean;
  } = {},
): Promise<TestConsole> {
  const consolePort = await freePort();
  const sandbox = await startTestSandbox({
    webhookUrls: [`http://127.0.0.1:${consolePort}/webhooks/stackone`],
    webhookSecret: TEST_WEBHOOK_SECRET,
    ...options.sandbox,
  });
  const config = loadConfig({
    PORT: String(consolePort),
    STACKONE_API_KEY: sandbox.apiKey,
    STACKONE_BASE_URL: sandbox.url,
    STACKONE_HUB_APP_URL: sandbox.url,
    STACKONE_WEBHOOK_SECRETS: TEST_WEBHOOK_SECRET,
    STACKONE_TIMEOUT_MS: '3000',
    SYNC_INTERVAL: '0',
    ...options.env,
  });
  const db = await freshDatabase(options.database ?? 'pglite');
  const running = await startConsole(config, { database: db.config, autoSync: options.autoSync });
  return {
    console: running,
    sandbox,
    api: (path, init = {}) => {
      const headers = new Headers(init.headers);
      if (init.body && !headers.has('content-type')) headers.set('content-type', 'application/json');
      return fetch(`${running.url}${path}`, { ...init, headers });
    },
    close: async () => {
      await running.close();
      await sandbox.close();
      await db.drop();
    },
  };
}
