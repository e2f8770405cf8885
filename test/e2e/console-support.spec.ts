import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { platformFetch } from '../support/sandbox.ts';
import { useConsoleBrowser } from './support/console-browser.ts';

const ui = useConsoleBrowser();

/** Set before an action; still there afterwards proves the page was never reloaded. */
const markPage = (page: Page) =>
  page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
const stillSamePage = (page: Page) =>
  page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded === true);

const statusOfRow = (page: Page, rowText: string | RegExp) =>
  page
    .getByRole('row')
    .filter({ hasText: rowText })
    .getByText(/^(Active|Error|Inactive)$/);

async function upstreamAccount(id: string) {
  const res = await platformFetch(ui.console.sandbox, `/accounts/${id}`);
  expect(res.status).toBe(200);
  return (await res.json()) as { status: string; status_reasons?: unknown };
}

describe('support staff', () => {
  it('finds Acme’s broken BambooHR, sees why, fixes its credentials in the Hub and watches it turn active', async () => {
    const store = ui.console.sandbox.context.store;
    const broken = store
      .listAccounts()
      .find((a) => a.origin_owner_id === 'cust_00001' && a.provider === 'bamboohr')!;
    expect(broken.status).toBe('error');

    const page = await ui.open('/accounts', { as: 'support' });
    await page.getByLabel('Search accounts').fill('acme');
    await page.waitForURL((url) => url.searchParams.get('q') === 'acme');
    const row = page.getByRole('row').filter({ hasText: 'Acme Corporation' }).filter({ hasText: 'BambooHR' });
    // Only Acme's two accounts (and the header row) once the search has answered.
    await expect.poll(() => page.getByRole('row').count()).toBe(3);
    await row.waitFor();

    // Why it is broken: the reason shows on keyboard focus and on hover.
    const tooltip = page.getByRole('tooltip');
    await row.getByRole('button', { name: 'Error', exact: true }).focus();
    await tooltip.waitFor();
    expect(await tooltip.textContent()).toBe(
      'token_expired: The BambooHR access token expired and could not be refreshed.',
    );
    await page.keyboard.press('Escape');
    await tooltip.waitFor({ state: 'detached' });
    await row.getByText('Error', { exact: true }).hover();
    await tooltip.waitFor();
    expect(await tooltip.textContent()).toContain('token_expired');

    await markPage(page);
    await row.getByRole('button', { name: 'Actions for Acme Corporation BambooHR' }).click();
    await page.getByRole('menuitem', { name: 'Fix credentials' }).click();
    const dialog = page.getByRole('dialog', { name: 'Fix credentials' });
    await dialog.waitFor();

    // The real Hub, in edit mode: setup fields prefilled, the secret masked until Edit.
    const apiKey = dialog.getByLabel('API Key');
    await expect.poll(() => apiKey.inputValue(), { timeout: 15_000 }).toMatch(/^•+.{4}$/);
    expect(await apiKey.inputValue()).toBe(`••••••••••${broken.secrets.api_key!.slice(-4)}`);
    expect(await apiKey.isDisabled()).toBe(true);
    expect(await dialog.getByLabel('Subdomain').inputValue()).toBe(broken.setup_information.subdomain);
    expect(await dialog.getByPlaceholder('Search Integrations').count()).toBe(0);

    await dialog.getByRole('button', { name: 'Edit', exact: true }).click();
    await apiKey.fill('bamboo_rotated_by_support_1');
    await dialog.getByRole('button', { name: 'Connect', exact: true }).click();

    await page.getByText('Credentials updated').waitFor();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => statusOfRow(page, 'BambooHR').textContent()).toBe('Active');
    expect(await stillSamePage(page)).toBe(true);
    expect(store.getAccount(broken.id)!.secrets.api_key).toBe('bamboo_rotated_by_support_1');
    expect((await upstreamAccount(broken.id)).status).toBe('active');
  });

  it('sends a re-link link; the customer completes it on the hosted page and the console turns active live', async () => {
    const store = ui.console.sandbox.context.store;
    const target = store
      .listAccounts()
      .find((a) => a.origin_owner_id === 'cust_00002' && a.label === 'EU entity')!;
    const page = await ui.open(`/accounts/${target.id}`, {
      as: 'support',
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    await page.getByRole('heading', { name: target.origin_owner_name }).waitFor();

    // StackOne reports the account broken: the open page follows, without a reload.
    await markPage(page);
    const res = await platformFetch(ui.console.sandbox, `/_sandbox/accounts/${target.id}/break`, {
      method: 'POST',
      body: JSON.stringify({ code: 'invalid_credentials' }),
    });
    expect(res.status).toBe(200);
    await page.getByText('invalid_credentials', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Send re-link link' }).click();
    const dialog = page.getByRole('dialog', { name: 'Send re-link link' });
    await dialog.getByRole('radio', { name: '1 day' }).check();
    await dialog.getByRole('button', { name: 'Create link' }).click();
    await dialog.getByRole('button', { name: 'Copy link' }).click();
    await page.getByText('Link copied').waitFor();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(await dialog.getByLabel('Re-link link').inputValue()).toBe(link);
    expect(await dialog.getByText(/\(in 1 day\)/).count()).toBe(1);
    // The console's short link (tracked in the ledger), which sends the customer on to StackOne.
    expect(link).toMatch(new RegExp(`^${ui.console.console.deps.config.publicUrl}/l/[A-Za-z0-9_-]{22,}$`));
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });

    // The customer, in their own browser, opens the link: the sandbox's hosted page with the real Hub.
    const customer = await ui.open(link);
    await customer.getByLabel('Service user token').waitFor({ timeout: 15_000 });
    await customer.getByRole('button', { name: 'Edit', exact: true }).click();
    await customer.getByLabel('Service user token').fill('hibob_token_relinked_1');
    await customer.getByRole('button', { name: 'Connect', exact: true }).click();
    await customer.getByText(/Connected\. Your HiBob account is linked/).waitFor();

    await page.getByText('Healthy — StackOne reports no problem.').waitFor();
    await page
      .getByRole('heading', { level: 1 })
      .locator('..')
      .getByText('Active', { exact: true })
      .waitFor();
    // The link was audit-logged, on the account's timeline, and the timeline says who re-linked it.
    const timeline = page.getByRole('list', { name: 'Timeline' });
    await timeline.getByText('Re-link link created', { exact: true }).waitFor();
    const relinked = timeline.getByRole('listitem').filter({ hasText: 'Re-linked by the customer' });
    await relinked.waitFor();
    expect(await relinked.getByText('error (invalid_credentials) → active', { exact: true }).count()).toBe(1);
    expect(await stillSamePage(page)).toBe(true);
    expect((await upstreamAccount(target.id)).status).toBe('active');
  });
});
