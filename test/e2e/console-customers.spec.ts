import AxeBuilder from '@axe-core/playwright';
import { sql } from 'drizzle-orm';
import { settleAnimations } from './support/axe.ts';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { AllowedError } from './support/console-browser.ts';
import { useConsoleBrowser } from './support/console-browser.ts';

const ui = useConsoleBrowser();

/**
 * The customer page asks for the customer's links; on a console without the link ledger that is a
 * 404 by design (the section hides), which Chromium logs.
 */
const NO_LINK_LEDGER: AllowedError = {
  text: /^Failed to load resource: the server responded with a status of 404/,
  url: /\/api\/links\?/,
};

async function expectNoSeriousViolations(page: Page) {
  await settleAnimations(page);
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const found = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `[${v.impact}] ${v.id}: ${v.help} — ${n.target.join(' ')}`));
  expect(found, `axe found serious/critical violations:\n${found.join('\n')}`).toEqual([]);
}

describe('customers, saved views and the command palette', () => {
  it('an account manager finds a customer with Ctrl+K and adds an account for them from the customer page', async () => {
    const page = await ui.open('/accounts', { as: 'manager', allow: [NO_LINK_LEDGER] });
    await page.getByRole('table', { name: 'Accounts' }).locator('tbody tr').first().waitFor();

    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await palette.waitFor();
    await palette.getByRole('combobox').fill('acme corp');
    const option = palette.getByRole('option', { name: /Acme Corporation.*cust_00001/ });
    await option.waitFor();
    await option.click();

    await page.waitForURL((url) => url.pathname === '/customers/cust_00001');
    await page.getByRole('heading', { level: 1, name: 'Acme Corporation' }).waitFor();
    // The same accounts table, holding only this customer's accounts.
    const rows = page.getByRole('table', { name: 'Accounts' }).locator('tbody tr');
    await rows.first().waitFor();
    const acme = ui.console.sandbox.context.store
      .listAccounts()
      .filter((a) => a.origin_owner_id === 'cust_00001');
    await expect.poll(() => rows.count()).toBe(acme.length);

    // The palette remembers: the customer is the first item before anything is typed.
    await page.keyboard.press('Control+k');
    await palette.waitFor();
    const first = palette.getByRole('option').first();
    await first.waitFor();
    expect(await first.textContent()).toContain('Acme Corporation');
    await page.keyboard.press('Escape');
    await palette.waitFor({ state: 'detached' });

    // Add account starts with the customer filled in, and ends in the real Hub.
    await page.getByRole('button', { name: 'Add account' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add account' });
    await dialog.waitFor();
    expect(await dialog.getByRole('combobox', { name: 'Customer ID' }).inputValue()).toBe('cust_00001');
    expect(await dialog.getByLabel('Customer name').inputValue()).toBe('Acme Corporation');
    await dialog.getByRole('combobox', { name: 'Provider' }).click();
    await page.getByRole('combobox', { name: 'Search providers' }).fill('greenhouse');
    await page.getByRole('option', { name: /Greenhouse/ }).click();
    await dialog.getByRole('textbox', { name: 'Label' }).fill('From the palette');
    await dialog.getByRole('button', { name: 'Continue' }).click();
    const harvestKey = dialog.getByLabel('Harvest API key');
    await harvestKey.waitFor({ timeout: 45_000 });
    await harvestKey.fill('gh_harvest_from_palette');
    await dialog.getByLabel('On-Behalf-Of user ID').fill('515151');
    await dialog.getByRole('button', { name: 'Connect', exact: true }).click();

    await page.getByText('Account added').waitFor();
    await page.waitForURL((url) => /^\/accounts\/[^/]+$/.test(url.pathname));
    const newId = new URL(page.url()).pathname.split('/').at(-1)!;
    expect(ui.console.sandbox.context.store.getAccount(newId)).toMatchObject({
      origin_owner_id: 'cust_00001',
      origin_owner_name: 'Acme Corporation',
      provider: 'greenhouse',
      label: 'From the palette',
      status: 'active',
    });
  });

  it('saves the filtered table as a view that the navigation opens again, and exports it', async () => {
    const page = await ui.open('/accounts?status=error&sort=owner&order=asc', { as: 'viewer' });
    await page.getByRole('table', { name: 'Accounts' }).locator('tbody tr').first().waitFor();
    const exportLink = page.getByRole('link', { name: 'Export CSV' });
    const href = new URL((await exportLink.getAttribute('href'))!, ui.url('/'));
    expect(href.pathname).toBe('/api/accounts/csv');
    expect(Object.fromEntries(href.searchParams)).toMatchObject({
      status: 'error',
      sort: 'owner',
      order: 'asc',
    });

    await page.getByRole('button', { name: 'Save view' }).click();
    const dialog = page.getByRole('dialog', { name: 'Save view' });
    await dialog.getByLabel('Name').fill('Broken, by customer');
    await dialog.getByRole('button', { name: 'Save view' }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.goto(ui.url('/accounts'));
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Views' }).click();
    await page.getByRole('menuitem', { name: 'Broken, by customer' }).click();
    await page.waitForURL(
      (url) => url.searchParams.get('status') === 'error' && url.searchParams.get('sort') === 'owner',
    );
  });

  it('the customers list and a customer page have no serious accessibility violations', async () => {
    const page = await ui.open('/customers', { as: 'admin', allow: [NO_LINK_LEDGER] });
    await page.getByRole('table', { name: 'Customers' }).locator('tbody tr').nth(3).waitFor();
    await expectNoSeriousViolations(page);
    await page
      .getByRole('link', { name: /Acme Corporation/ })
      .first()
      .click();
    await page.getByRole('heading', { level: 1, name: 'Acme Corporation' }).waitFor();
    await page.getByRole('table', { name: 'Accounts' }).locator('tbody tr').first().waitFor();
    await page.getByRole('heading', { name: 'Needs attention' }).waitFor();
    // Needs attention lists the customer's open incidents (at most ten), not its broken accounts.
    const { rows } = (await ui.console.console.deps.database.db.execute(
      sql`select count(*)::int as n from incidents where origin_owner_id = 'cust_00001' and state <> 'resolved'`,
    )) as unknown as { rows: { n: number }[] };
    const open = Math.min(rows[0]!.n, 10);
    if (open === 0) await page.getByText('This customer has no open incidents.').waitFor();
    else
      await expect
        .poll(() =>
          page
            .getByRole('list', { name: 'Open incidents' })
            .getByRole('link', { name: 'Notes and history' })
            .count(),
        )
        .toBe(open);
    await expectNoSeriousViolations(page);
  });
});
