import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { AccountListResponse } from '../../shared/schemas/account-filters.ts';
import { loadConfig } from '../../server/config/load-config.ts';
import { startSandbox, type RunningSandbox } from '../../server/sandbox/start-sandbox.ts';
import { startConsole, type RunningConsole } from '../../server/start-console.ts';

export const BENCH_API_KEY = 'v1.bench.sandbox-key';
const ADMIN = { email: 'bench@switchboard.test', password: 'bench-password-1' };
const AUTH_SECRET = 'bench-auth-secret-0123456789abcdef0123456789';
const WEBHOOK_SECRET = 'whsec_bench';
const root = fileURLToPath(new URL('../..', import.meta.url));

export const basicAuth = (key = BENCH_API_KEY) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.once('error', reject);
  });
}

const consoleEnv = (port: number, sandboxUrl: string, dataDir: string) => ({
  PORT: String(port),
  STACKONE_API_KEY: BENCH_API_KEY,
  STACKONE_BASE_URL: sandboxUrl,
  STACKONE_HUB_APP_URL: sandboxUrl,
  STACKONE_WEBHOOK_SECRETS: WEBHOOK_SECRET,
  // One signed-in user reads account pages as fast as it can: the per-user limit is not what is measured.
  STACKONE_USER_READS_PER_MINUTE: '100000',
  DATA_DIR: dataDir,
  SYNC_INTERVAL: '0',
  AUTH_SECRET,
  SWITCHBOARD_ADMIN_EMAIL: ADMIN.email,
  SWITCHBOARD_ADMIN_PASSWORD: ADMIN.password,
});

/** Signs in as the bench admin the way the SPA does, and answers the session cookie. */
export async function signIn(consoleUrl: string): Promise<string> {
  const res = await fetch(`${consoleUrl}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: new URL(consoleUrl).origin },
    body: JSON.stringify(ADMIN),
  });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/**
 * A sandbox and a console in this process, the console on a PGlite folder (the embedded default,
 * not an in-memory one) and without its start-up sync: the benchmark drives it.
 */
export async function startInProcessStack(accounts: number): Promise<{
  sandbox: RunningSandbox;
  console: RunningConsole;
  cookie: string;
  close(): Promise<void>;
}> {
  const sandbox = await startSandbox({
    port: 0,
    apiKey: BENCH_API_KEY,
    accounts,
    seed: 42,
    webhookUrls: [],
    rateLimitPerMinute: 1_000_000_000,
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-'));
  const port = await freePort();
  const config = loadConfig(consoleEnv(port, sandbox.url, dataDir));
  const running = await startConsole(config, { autoSync: false });
  const cookie = await signIn(running.url);
  return {
    sandbox,
    console: running,
    cookie,
    close: async () => {
      await running.close();
      await sandbox.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Waits for the console's start-up sync to finish, so that its writes do not overlap a measurement. */
export async function waitForFirstSync(consoleUrl: string, cookie: string): Promise<void> {
  for (;;) {
    const res = await fetch(`${consoleUrl}/api/accounts?pageSize=1`, { headers: { cookie } });
    const body = (await res.json()) as AccountListResponse;
    if (body.sync.state === 'idle' && body.sync.finishedAt) return;
    if (body.sync.state === 'failed') throw new Error(`the start-up sync failed: ${body.sync.error}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** With BENCH_CPU_PROF_DIR, each child writes a V8 CPU profile into `<dir>/<name>` when it exits. */
function spawnTsx(name: string, args: string[], env: Record<string, string>): ChildProcess {
  const profileDir = process.env.BENCH_CPU_PROF_DIR;
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${join(profileDir, name)}`] : [];
  return spawn(process.execPath, [...profile, '--import', 'tsx', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

// A console starting on a busy shared machine took 40 s (tsx, PGlite, migrations): a generous budget.
async function waitFor(url: string, child: ChildProcess, timeoutMs = 180_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (exited(child))
      throw new Error(`exited (${child.exitCode ?? child.signalCode}) before ${url} answered`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${url} did not come up`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (exited(child)) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

/**
 * With BENCH_DATABASE_URL (a Postgres server), a fresh database on it for the console, dropped at
 * the end; without, none (the console uses a PGlite folder).
 */
async function benchPostgres(): Promise<{ url: string; drop(): Promise<void> } | null> {
  const base = process.env.BENCH_DATABASE_URL;
  if (!base) return null;
  const name = `sb_bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    await client.query(statement);
    await client.end();
  };
  await admin(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

/**
 * The sandbox and the console each in a process of their own, as StackOne and Switchboard are:
 * neither steals the other's event loop, nor the load generator's. With `webhooks`, the sandbox
 * sends its signed account webhooks to the console, with the secret the console verifies.
 */
export async function startChildStack(
  accounts: number,
  options: { webhooks?: boolean } = {},
): Promise<{
  sandboxUrl: string;
  consoleUrl: string;
  /** Process ids, for CPU figures. */
  consolePid: number;
  sandboxPid: number;
  cookie: string;
  close(): Promise<void>;
}> {
  // The console's port is picked first: the sandbox is told its webhook URL when it starts.
  const port = await freePort();
  const consoleUrl = `http://localhost:${port}`;
  const sandbox = spawnTsx('sandbox', ['bench/support/sandbox-child.ts'], {
    BENCH_SANDBOX_ACCOUNTS: String(accounts),
    BENCH_SANDBOX_API_KEY: BENCH_API_KEY,
    ...(options.webhooks
      ? {
          BENCH_SANDBOX_WEBHOOK_URL: `${consoleUrl}/webhooks/stackone`,
          BENCH_SANDBOX_WEBHOOK_SECRET: WEBHOOK_SECRET,
        }
      : {}),
  });
  let consoleProcess: ChildProcess | undefined;
  let postgres: Awaited<ReturnType<typeof benchPostgres>> = null;
  let dataDir: string | undefined;
  const close = async () => {
    if (consoleProcess) await stop(consoleProcess);
    await stop(sandbox);
    await postgres?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  // A start that fails stops what it started: a child left running would outlive the benchmark.
  try {
    const sandboxUrl = await new Promise<string>((resolve, reject) => {
      let out = '';
      sandbox.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /READY (\S+)/.exec(out);
        if (match) resolve(match[1]!);
      });
      sandbox.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
    });

    dataDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-'));
    postgres = await benchPostgres();
    consoleProcess = spawnTsx('console', ['server/main.ts'], {
      ...consoleEnv(port, sandboxUrl, dataDir),
      ...(postgres ? { DATABASE_URL: postgres.url } : {}),
    });
    consoleProcess.stdout!.resume();
    await waitFor(`${consoleUrl}/api/health`, consoleProcess);
    const cookie = await signIn(consoleUrl);
    return {
      sandboxUrl,
      consoleUrl,
      consolePid: consoleProcess.pid!,
      sandboxPid: sandbox.pid!,
      cookie,
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
