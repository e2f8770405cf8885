import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/config/load-config.ts';
import type { RunningSandbox } from '../../../server/sandbox/start-sandbox.ts';
import { startConsole, type RunningConsole } from '../../../server/start-console.ts';
import { freshDatabase, TEST_DATABASES } from '../../support/console.ts';
import { startTestSandbox } from '../../support/sandbox.ts';

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
