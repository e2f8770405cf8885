import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { platformFetch } from '../support/sandbox.ts';
import { useConsoleBrowser } from './support/console-browser.ts';

const ui = useConsoleBrowser();

const MUTATING_ACTIONS = [
  'Fix credentials',
  'Send re-link link',
  'Edit label',
  'Delete account',
  'Add account',
];

/** Data rows of the accounts table (the header row excluded). */
const dataRows = (page: Page) => page.getByRole('table', { name: 'Accounts' }).locator('tbody tr');

async function mutatingControls(page: Page) {
  const found: string[] = [];
  for (const name of MUTATING_ACTIONS) {
    for (const role of ['button', 'menuitem', 'link'] as const) {
      if ((await page.getByRole(role, { name, exact: true }).count()) > 0) found.push(`${role} ${name}`);
    }
  }
  return found;
}

describe('engineers', () => {
  it('filter the accounts in error, keep the filter in the URL across a reload, and inspect one', async () => {
    const store = ui.console.sandbox.context.store;
    const errorCount = store.listAccounts().filter((a) => a.status === 'error').length;
    // A seeded broken account (it has failing request logs), reported broken again just now.
    const broken = store
      .listAccounts()
      .find((a) => a.status === 'error' && a.origin_owner_id !== 'cust_00001' && a.provider !== 'bamboohr')!;
    const code = broken.status_reasons![0]!.code!;
    const res = await platformFetch(ui.console.sandbox, `/_sandbox/accounts/${broken.id}/break`, {
      method: 'POST',
      body: JSON.stringify({ code }),
    });
    expect(res.status).toBe(200);

    const page = await ui.open('/accounts', { as: 'viewer' });
    await page.getByRole('button', { name: 'Status' }).click();
    await page.getByRole('checkbox', { name: /^Error/ }).check();
    await page.keyboard.press('Escape');
    await page.waitForURL((url) => url.searchParams.get('status') === 'error');
    await expect.poll(() => dataRows(page).count()).toBe(errorCount);

    await page.reload();
    expect(new URL(page.url()).searchParams.get('status')).toBe('error');
    await expect.poll(() => dataRows(page).count()).toBe(errorCount);
    const statuses = await dataRows(page)
      .getByText(/^(Active|Error|Inactive)$/)
      .allTextContents();
    expect(new Set(statuses)).toEqual(new Set(['Error']));
    expect(await page.getByRole('button', { name: 'Status' }).textContent()).toContain('Error');

    const row = dataRows(page)
      .filter({ hasText: broken.origin_owner_id })
      .filter({ hasText: broken.provider_name });
    await row.getByRole('link').first().click();
    await page.waitForURL((url) => url.pathname === `/accounts/${broken.id}`);

    // Status reasons: code and time.
    await page.getByRole('heading', { name: 'Status reasons' }).waitFor();
    const reason = page.getByRole('listitem').filter({ has: page.getByText(code, { exact: true }) });
    await reason.waitFor();
    const stamp = await reason.locator('time').getAttribute('datetime');
    expect(Date.now() - Date.parse(stamp!)).toBeLessThan(60_000);
    expect(await reason.locator('time').textContent()).toMatch(/ago|now/);

    await page.getByRole('tab', { name: 'Request logs' }).click();
    expect(new URL(page.url()).searchParams.get('tab')).toBe('logs');
    const logs = page.getByRole('table', { name: 'Request logs' });
    const failed = logs.locator('tbody tr[data-failed]');
    await failed.first().waitFor();
    expect(await failed.count()).toBeGreaterThanOrEqual(2);
    expect(await failed.first().getByText('(failed)').count()).toBe(1);
    expect(await failed.first().evaluate((tr) => getComputedStyle(tr).backgroundColor)).not.toBe(
      await logs
        .locator('tbody tr:not([data-failed])')
        .first()
        .evaluate((tr) => getComputedStyle(tr).backgroundColor),
    );

    await page.getByRole('tab', { name: 'Raw' }).click();
    const raw = JSON.parse((await page.getByLabel('Account as JSON').textContent())!) as {
      account: { id: string; status: string };
    };
    expect(raw.account).toMatchObject({ id: broken.id, status: 'error' });

    await page.getByRole('tab', { name: 'Timeline' }).click();
    const timeline = page.getByRole('list', { name: 'Timeline' });
    // In words, with the reason StackOne reports now.
    await timeline.getByText('Status changed', { exact: true }).first().waitFor();
    expect(await timeline.getByText(new RegExp(`^now error \\(${code}`)).count()).toBe(1);
    expect(await timeline.getByText('StackOne', { exact: true }).count()).toBeGreaterThanOrEqual(1);
  });
});

describe('viewers', () => {
  it('see no action that changes anything, in the toolbar, the row menu or the account page', async () => {
    const broken = ui.console.sandbox.context.store
      .listAccounts()
      .find((a) => a.origin_owner_id === 'cust_00001' && a.status === 'error')!;
    const page = await ui.open('/accounts?q=acme', { as: 'viewer' });
    const row = dataRows(page).filter({ hasText: broken.origin_owner_id }).filter({
      hasText: broken.provider_name,
    });
    await row.first().waitFor();
    expect(await mutatingControls(page)).toEqual([]);

    await row
      .first()
      .getByRole('button', { name: /^Actions for/ })
      .click();
    const menu = page.getByRole('menu');
    await menu.waitFor();
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual(['Open']);
    expect(await mutatingControls(page)).toEqual([]);
    await page.getByRole('menuitem', { name: 'Open' }).click();

    await page.waitForURL((url) => url.pathname === `/accounts/${broken.id}`);
    await page.getByRole('heading', { level: 1, name: broken.origin_owner_name }).waitFor();
    await page.getByRole('heading', { name: 'Status reasons' }).waitFor();
    expect(await mutatingControls(page)).toEqual([]);
  });
});

describe('the first paint of the accounts list', () => {
  it('shows the first rows as the HTML arrives, and only the SPA’s own table once it has drawn them', async () => {
    const errorCount = ui.console.sandbox.context.store
      .listAccounts()
      .filter((a) => a.status === 'error').length;
    expect(errorCount).toBeGreaterThan(0);
    const viewer = await ui.user('viewer');
    const cookie = await ui.console.signIn(viewer.email, viewer.password);
    // No scripts at all: what the server drew is what there is.
    const noScript = await ui.browser.newContext({ javaScriptEnabled: false });
    try {
      await noScript.addCookies(
        cookie.split('; ').map((pair) => ({
          name: pair.slice(0, pair.indexOf('=')),
          value: pair.slice(pair.indexOf('=') + 1),
          url: ui.url('/'),
        })),
      );
      const still = await noScript.newPage();
      await still.goto(ui.url('/accounts?status=error'));
      const drawn = still.locator('#first-paint table[aria-label="Accounts"] tbody tr');
      expect(await drawn.count()).toBe(errorCount);
      const statuses = await drawn.locator('td:nth-child(4)').allTextContents();
      expect(new Set(statuses.map((s) => s.trim()))).toEqual(new Set(['Error']));
      // A picture: out of the accessibility tree and out of reach of the keyboard and the pointer.
      expect(await still.getByRole('table').count()).toBe(0);
    } finally {
      await noScript.close();
    }

    const page = await ui.open('/accounts', { as: viewer });
    await page.goto(ui.url('/accounts?status=error'));
    await expect.poll(() => dataRows(page).count()).toBe(errorCount);
    expect(await page.locator('#first-paint').count()).toBe(0);
    expect(await page.locator('table[aria-label="Accounts"]').count()).toBe(1);
  });
});
