import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/config/load-config.ts';
import { LOCK_FILE } from '../../../server/db/data-dir-lock.ts';
import type { RunningSandbox } from '../../../server/sandbox/start-sandbox.ts';
import { startConsole, type RunningConsole } from '../../../server/start-console.ts';
import { freshDatabase, TEST_DATABASES } from '../../support/console.ts';
import { spawnConsole, type ConsoleProcess } from '../../support/console-process.ts';
import { startTestSandbox } from '../../support/sandbox.ts';

/** Paths under dir (itself included) that its group or others may read, write or enter. */
function notPrivate(dir: string): string[] {
  const paths = [dir, ...readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((p) => join(dir, p))];
  return paths
    .filter((p) => statSync(p).mode & 0o077)
    .map((p) => `${(statSync(p).mode & 0o777).toString(8)} ${p}`);
}

describe('one DATA_DIR, several console processes (embedded PGlite)', () => {
  let sandbox: RunningSandbox | undefined;
  const root = mkdtempSync(join(tmpdir(), 'sb-datadir-'));
  const children: ConsoleProcess[] = [];

  afterAll(async () => {
    for (const c of children)
      if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL');
    await Promise.all(children.map((c) => c.exited));
    await sandbox?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('lets one process in: a second exits at once naming it, a restart after SIGKILL starts, files stay private', async () => {
    sandbox = await startTestSandbox({ accounts: 3, webhookUrls: [] });
    const dataDir = join(root, 'data');
    // An install from before: DATA_DIR and the auth secret readable by everyone.
    mkdirSync(dataDir);
    chmodSync(dataDir, 0o755);
    writeFileSync(join(dataDir, 'auth-secret'), 'an-auth-secret-from-an-earlier-version-0123');
    chmodSync(join(dataDir, 'auth-secret'), 0o644);
    const start = () => {
      const c = spawnConsole({
        PORT: '0',
        STACKONE_API_KEY: sandbox!.apiKey,
        STACKONE_BASE_URL: sandbox!.url,
        STACKONE_HUB_APP_URL: sandbox!.url,
        SYNC_INTERVAL: '0',
        DATA_DIR: dataDir,
      });
      children.push(c);
      return c;
    };
    const health = async (port: number) => (await fetch(`http://127.0.0.1:${port}/api/health`)).status;

    const first = start();
    expect(await health(await first.listening)).toBe(200);

    const second = start();
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(
      new RegExp(
        `is in use by another Switchboard process \\(pid ${first.child.pid}, started \\d{4}-\\d\\d-\\d\\dT`,
      ),
    );
    expect(second.output()).not.toMatch(/listening on/);
    expect(await health(await first.listening)).toBe(200);
    expect(notPrivate(dataDir)).toEqual([]);

    first.child.kill('SIGKILL');
    await first.exited;
    const third = start();
    expect(await health(await third.listening)).toBe(200);
    expect(notPrivate(dataDir)).toEqual([]);

    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
  }, 300_000);
});

// A deploy starts every process at once; only PostgreSQL is shared by several processes.
describe.each(TEST_DATABASES.filter((d) => d.kind === 'postgres'))(
  'consoles starting together on $name',
  () => {
    let sandbox: RunningSandbox | undefined;
    let fresh: Awaited<ReturnType<typeof freshDatabase>> | undefined;
    const consoles: RunningConsole[] = [];

    afterAll(async () => {
      for (const running of consoles) await running.close();
      await fresh?.drop();
      await sandbox?.close();
    });

    it('all start on an empty database: the migrations run once, the others wait for them', async () => {
      sandbox = await startTestSandbox({ accounts: 1, webhookUrls: [] });
      fresh = await freshDatabase('postgres');
      const config = loadConfig({
        PORT: '0',
        STACKONE_API_KEY: sandbox.apiKey,
        STACKONE_BASE_URL: sandbox.url,
        SYNC_INTERVAL: '0',
        AUTH_SECRET: 'test-auth-secret-0123456789abcdef0123456789',
      });
      const database = fresh.config;
      const started = await Promise.allSettled(
        [1, 2, 3].map(() => startConsole(config, { database, autoSync: false })),
      );
      for (const result of started) if (result.status === 'fulfilled') consoles.push(result.value);
      expect(started.map((r) => (r.status === 'rejected' ? String(r.reason) : 'started'))).toEqual([
        'started',
        'started',
        'started',
      ]);
      for (const running of consoles) {
        const res = await fetch(`${running.url}/api/health`);
        expect(res.status).toBe(200);
      }
    }, 120_000);
  },
);
