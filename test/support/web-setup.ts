/**
 * Set-up of the web component tests (jsdom), imported first by each of them: an unmounted screen,
 * unstubbed globals and no unexpected `console.error` after every test, layout stand-ins, and
 * waiting budgets for a busy shared machine.
 */
import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, expect, vi } from 'vitest';

// A first render on a loaded 2-core machine can take seconds; these budgets wait for it without
// hiding a screen that never comes (that still fails, just later).
configure({ asyncUtilTimeout: 10_000 });
vi.setConfig({ testTimeout: 30_000 });

/** jsdom has no layout: Radix measures popovers and cmdk scrolls its active item into view. */
function polyfillLayout(): void {
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
  Element.prototype.scrollIntoView ??= function scrollIntoView() {};
  Element.prototype.hasPointerCapture ??= () => false;
  Element.prototype.releasePointerCapture ??= () => {};
}

let consoleError: ReturnType<typeof vi.spyOn>;

beforeAll(polyfillLayout);
beforeEach(() => {
  consoleError = vi.spyOn(console, 'error');
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  const errors = [...consoleError.mock.calls];
  consoleError.mockRestore();
  expect(errors, 'unexpected console.error').toEqual([]);
});
