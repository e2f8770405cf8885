import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const alias = {
  '@shared': fileURLToPath(new URL('./shared', import.meta.url)),
  '@web': fileURLToPath(new URL('./web', import.meta.url)),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
          // Budgets for a shared, loaded 2-core machine (CI runners, parallel work), not expected
          // durations: a hung test still fails, at these limits rather than at vitest's 5 s / 10 s.
          // Database hooks load PGlite (Postgres in WebAssembly): about a second on a quiet machine,
          // past 10 s on a busy one.
          testTimeout: 30_000,
          hookTimeout: 60_000,
          globalSetup: ['test/setup/pglite-template.ts'],
          setupFiles: ['test/setup/unit.ts'],
          // Worker threads that keep their modules from file to file: a file costs its own tests
          // and environment, not a new process and a fresh import of vitest, React and PGlite
          // (110 s → 43 s for the project here). Mocks, stubs and rendered trees are undone after
          // each test (below, and test/setup/unit.ts); the files pass in any order (--sequence.shuffle).
          pool: 'threads',
          isolate: false,
          restoreMocks: true,
          unstubGlobals: true,
          unstubEnvs: true,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/setup/pglite-template.ts'],
          setupFiles: ['test/setup/integration.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Two files at a time: each starts its own console, sandbox and database (a fresh PGlite or
          // a Postgres database of its own), on ports of its own; most of a file's time is waiting.
          maxWorkers: 2,
          // Each worker loads the server's modules once, not once per file (about a fifth of the
          // project's CPU time). Every console, sandbox and database is made in the file's own hooks;
          // the one global a server changes (Response) is handled in test/setup/integration.ts.
          isolate: false,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.spec.ts'],
          testTimeout: 90_000,
          hookTimeout: 120_000,
          // Two files at a time, each worker loading the server and Playwright once, as the
          // integration project: each file has its own console, sandbox, database and browser.
          maxWorkers: 2,
          isolate: false,
          // What a page shows after a request or an animation takes longer than expect.poll's 1 s
          // default on a busy machine; a real hang still fails, here or at the test's timeout.
          expect: { poll: { timeout: 15_000 } },
        },
      },
    ],
  },
});
