import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoSeriousViolations } from './support/axe.ts';
import { useConsoleBrowser } from './support/console-browser.ts';

const ui = useConsoleBrowser();

const dataRows = (page: Page) => page.getByRole('table', { name: 'Accounts' }).locator('tbody tr');

/** A seeded provider with accounts in error, its display name and its counts. */
function brokenProvider() {
  const accounts = ui.console.sandbox.context.store.listAccounts();
  const byProvider = new Map<string, { name: string; error: number; active: number }>();
  for (const a of accounts) {
    const p = byProvider.get(a.provider) ?? { name: a.provider_name ?? a.provider, error: 0, active: 0 };
    if (a.status === 'error') p.error++;
    if (a.status === 'active') p.active++;
    byProvider.set(a.provider, p);
  }
  const [provider, counts] = [...byProvider].find(([, p]) => p.error > 0 && p.active > 0)!;
  return { provider, ...counts };
}

describe('the overview', () => {
  it("an engineer clicks a provider's bar and lands on the accounts table filtered to it", async () => {
    const { provider, name, error } = brokenProvider();
    const page = await ui.open('/', { as: 'viewer' });
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    const chart = page.getByRole('figure', { name: /Accounts by status for each provider/ });
    await chart.getByRole('link', { name: `${name}: ${error} error`, exact: true }).click();

    await page.waitForURL((url) => url.pathname === '/accounts');
    const url = new URL(page.url());
    expect(url.searchParams.get('provider')).toBe(provider);
    expect(url.searchParams.get('status')).toBe('error');
    await expect.poll(() => dataRows(page).count()).toBe(error);
  });

  it('shows the same figures as tables, whose links filter the accounts table too', async () => {
    const { provider, name, active } = brokenProvider();
    const page = await ui.open('/', { as: 'support' });
    await page.getByRole('button', { name: 'Show as table' }).click();
    await page.waitForURL((url) => url.searchParams.get('view') === 'table');
    const table = page.getByRole('table', { name: 'Status by provider' });
    const link = table.getByRole('link', { name: `${name}: ${active} active`, exact: true });
    await link.focus();
    await page.keyboard.press('Enter');

    await page.waitForURL((url) => url.pathname === '/accounts');
    const url = new URL(page.url());
    expect(url.searchParams.get('provider')).toBe(provider);
    expect(url.searchParams.get('status')).toBe('active');
    await expect.poll(() => dataRows(page).count()).toBe(Math.min(active, 50));
  });

  it('has no serious accessibility violations, as charts or as tables', async () => {
    const page = await ui.open('/', { as: 'viewer' });
    await page
      .getByRole('figure', { name: /Accounts in error at the end of each day/ })
      .locator('svg')
      .first()
      .waitFor();
    await expectNoSeriousViolations(page);
    await page.getByRole('button', { name: 'Show as table' }).click();
    await page.getByRole('table', { name: 'Open incidents by age' }).waitFor();
    await expectNoSeriousViolations(page);
  });
});
