import { describe, expect, it } from 'vitest';
import { TEST_ADMIN } from '../support/console.ts';
import { useConsoleBrowser } from './support/console-browser.ts';

const ui = useConsoleBrowser();

/** better-auth answers a wrong password 401; Chromium logs that response, which this story expects. */
const SIGN_IN_REFUSED = {
  text: /^Failed to load resource: the server responded with a status of 401/,
  url: /\/api\/auth\/sign-in\/email$/,
};

describe('signing in', () => {
  it('shows a clear error for a wrong password, then returns to the page that was asked for', async () => {
    const id = ui.console.sandbox.context.store.listAccounts()[0]!.id;
    const page = await ui.open(`/accounts/${id}?tab=raw`, { allow: [SIGN_IN_REFUSED] });

    await page.waitForURL((url) => url.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('redirect')).toBe(`/accounts/${id}?tab=raw`);

    await page.getByLabel('Email').fill(TEST_ADMIN.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/email or password/i);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.getByLabel('Password').inputValue()).toBe('');

    await page.getByLabel('Password').fill(TEST_ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === `/accounts/${id}`);
    expect(new URL(page.url()).searchParams.get('tab')).toBe('raw');
    await page.getByRole('tab', { name: 'Raw', selected: true }).waitFor();
  });

  it('sends a signed-out visitor of the accounts list to the sign-in page and back', async () => {
    const page = await ui.open('/accounts?q=acme');
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByLabel('Email').fill(TEST_ADMIN.email);
    await page.getByLabel('Password').fill(TEST_ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/accounts' && url.searchParams.get('q') === 'acme');
    expect(await page.getByLabel('Search accounts').inputValue()).toBe('acme');
    await page
      .getByRole('link', { name: /Acme Corporation/ })
      .first()
      .waitFor();
  });
});
