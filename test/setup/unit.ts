import { format } from 'node:util';
import { afterEach, beforeEach, expect } from 'vitest';

/*
 * Set-up shared by every unit test (vitest.config.ts `setupFiles`); spies and stubbed globals are
 * restored by the config (`restoreMocks`, `unstubGlobals`, `unstubEnvs`).
 */

// An unexpected console.error fails the test (STYLE.md). A test that expects one silences it with
// its own spy (`vi.spyOn(console, 'error').mockImplementation(...)`), which replaces this recorder.
const consoleError = console.error;
let unexpectedErrors: string[] = [];
beforeEach(() => {
  unexpectedErrors = [];
  console.error = (...args: unknown[]) => {
    unexpectedErrors.push(format(...args));
    consoleError(...args);
  };
});
afterEach(() => {
  console.error = consoleError;
  expect(unexpectedErrors, 'console.error was called').toEqual([]);
});

if (typeof document !== 'undefined') {
  // jsdom tests: unmount what a test rendered, and give findBy*/waitFor the time a loaded machine
  // needs to render (their default of 1 s failed under load; a test that never renders still fails).
  const { cleanup, configure } = await import('@testing-library/react');
  configure({ asyncUtilTimeout: 10_000 });
  afterEach(cleanup);
}
