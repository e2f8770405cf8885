import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useConsoleBrowser } from './support/console-browser.ts';

const ui = useConsoleBrowser();

const table = (page: Page) => page.getByRole('table', { name: 'Accounts' });
const bodyRows = (page: Page) => table(page).locator('tbody tr');

describe('finding accounts', () => {
  it('a search of several words finds the accounts matching every word, in any order, case or accent', async () => {
    const store = ui.console.sandbox.context.store;
    const acmeBamboo = store
      .listAccounts()
      .filter((a) => a.origin_owner_name === 'Acme Corporation' && a.provider === 'bamboohr');
    expect(acmeBamboo.length).toBeGreaterThan(0);

    const page = await ui.open('/accounts', { as: 'viewer' });
    const search = page.getByLabel('Search accounts');
    for (const typed of ['acme bamboohr', 'BambooHR   ÂCME', 'acme "bamboo"']) {
      await search.fill(typed);
      await page.waitForURL((url) => url.searchParams.get('q') === typed.trim());
      await expect.poll(() => bodyRows(page).count()).toBe(acmeBamboo.length);
      for (const row of await bodyRows(page).all()) {
        expect(await row.textContent()).toContain('Acme Corporation');
        expect(await row.textContent()).toContain('BambooHR');
      }
    }
    // Every word must match: one that matches nothing empties the list.
    await search.fill('acme bamboohr nosuchthing');
    await page.getByText('No account matches these filters').waitFor();

    // A status-reason code is searchable too, and the Reason column reads it in words.
    await search.fill('acme token_expired');
    await page.waitForURL((url) => url.searchParams.get('q') === 'acme token_expired');
    await expect.poll(() => bodyRows(page).count()).toBeGreaterThan(0);
    for (const row of await bodyRows(page).all()) expect(await row.textContent()).toContain('Token expired');
  });

  it('the Reason filter keeps the accounts whose first status reason is the one picked', async () => {
    const store = ui.console.sandbox.context.store;
    const expired = store.listAccounts().filter((a) => a.status_reasons?.[0]?.code === 'token_expired');
    expect(expired.length).toBeGreaterThan(0);

    const page = await ui.open('/accounts?pageSize=200', { as: 'viewer' });
    await bodyRows(page).first().waitFor();
    await page.getByRole('button', { name: /^Reason/ }).click();
    await page.getByRole('checkbox', { name: /Token expired/ }).click();
    await page.waitForURL((url) => url.searchParams.get('reason') === 'token_expired');
    await page.keyboard.press('Escape');
    await expect.poll(() => bodyRows(page).count()).toBe(expired.length);
  });

  it('a page past the end shows the last page instead of claiming there are no accounts', async () => {
    const total = ui.console.sandbox.context.store.listAccounts().length;
    const last = Math.ceil(total / 10);
    expect(last).toBeGreaterThan(1);

    const page = await ui.open('/accounts?page=9999&pageSize=10', { as: 'viewer' });
    await page.waitForURL((url) => url.searchParams.get('page') === String(last));
    await expect.poll(() => bodyRows(page).count()).toBe(total - (last - 1) * 10);
    await page.getByText(`Page ${last} of ${last}`).waitFor();
    expect(await page.getByText('No accounts yet').count()).toBe(0);
    // The replaced URL leaves no history entry for page 9999.
    await page.goBack();
    expect(new URL(page.url()).searchParams.get('page')).not.toBe('9999');
  });

  it('a row opens from the keyboard, and the back link returns to the list as it was', async () => {
    const page = await ui.open('/accounts?pageSize=10&page=2&status=active,error', { as: 'viewer' });
    await expect.poll(() => bodyRows(page).count()).toBe(10);
    const listUrl = new URL(page.url());

    // The header stays in view while the rows scroll.
    const header = table(page).locator('thead');
    expect(await header.evaluate((el) => getComputedStyle(el).position)).toBe('sticky');

    // Arrow keys move between rows, Enter opens the focused one.
    const first = bodyRows(page).nth(0);
    await first.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const third = bodyRows(page).nth(2);
    expect(await third.evaluate((el) => el === document.activeElement)).toBe(true);
    const customer = (await third.locator('td').first().locator('a span').first().textContent())!;
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname.startsWith('/accounts/'));
    await page.getByRole('heading', { level: 1, name: customer }).waitFor();

    await page.getByRole('main').getByRole('link', { name: 'Accounts', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/accounts');
    const back = new URL(page.url());
    for (const key of ['page', 'pageSize', 'status'])
      expect(back.searchParams.get(key), key).toBe(listUrl.searchParams.get(key));

    // A click anywhere on a row (not only on the customer's name) opens it too.
    await bodyRows(page).first().locator('td').nth(2).click();
    await page.waitForURL((url) => url.pathname.startsWith('/accounts/'));
  });
});
