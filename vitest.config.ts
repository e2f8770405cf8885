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
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Two files at a time: each starts its own console, sandbox and database (a fresh PGlite or
          // a Postgres database of its own), on ports of its own; most of a file's time is waiting.
          maxWorkers: 2,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.spec.ts'],
          testTimeout: 90_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
