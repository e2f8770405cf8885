import AxeBuilder from '@axe-core/playwright';
import { settleAnimations } from './support/axe.ts';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { platformFetch } from '../support/sandbox.ts';
import { useConsoleBrowser } from './support/console-browser.ts';

const ui = useConsoleBrowser();

/** The main pages, each with something that shows it has loaded. */
const PAGES: { path: () => string; ready: (page: Page) => Promise<void> }[] = [
  {
    path: () => '/accounts',
    ready: (page) => page.getByRole('table', { name: 'Accounts' }).locator('tbody tr').nth(5).waitFor(),
  },
  {
    path: () =>
      `/accounts/${ui.console.sandbox.context.store.listAccounts().find((a) => a.status === 'error')!.id}`,
    ready: (page) => page.getByRole('heading', { name: 'Status reasons' }).waitFor(),
  },
  { path: () => '/audit', ready: (page) => page.getByRole('table').first().waitFor() },
  { path: () => '/users', ready: (page) => page.getByRole('table').first().waitFor() },
];

/** How far the page is wider than the viewport (0: no horizontal scroll). */
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

async function expectNoHorizontalScroll(page: Page, where: string) {
  const over = await overflow(page);
  const culprits =
    over > 0
      ? await page.evaluate(() =>
          [...document.querySelectorAll('body *')]
            .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .slice(0, 5)
            .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).slice(0, 60)}`),
        )
      : [];
  expect(over, `${where} scrolls sideways by ${over}px; wide: ${culprits.join(', ')}`).toBe(0);
}

describe('layout', () => {
  it('at 390 px: no sideways scroll, the navigation is a menu, account rows are cards', async () => {
    const page = await ui.open('/accounts', { as: 'admin' });
    await page.setViewportSize({ width: 390, height: 844 });
    for (const { path, ready } of PAGES) {
      await page.goto(ui.url(path()));
      await ready(page);
      await expectNoHorizontalScroll(page, `${path()} at 390 px`);
    }
    await page.goto(ui.url('/accounts'));
    await PAGES[0]!.ready(page);
    // Phone users are told they are on the sandbox too: the badge, compact, still links to its docs.
    const badge = page.getByRole('banner').getByRole('link', { name: 'Sandbox' });
    await badge.waitFor();
    expect(await badge.getAttribute('href')).toBe('/sandbox-docs');
    const box = (await badge.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('menuitem', { name: 'Audit' }).click();
    await page.waitForURL((url) => url.pathname === '/audit');

    await page.goto(ui.url('/accounts'));
    const firstRow = page.getByRole('table', { name: 'Accounts' }).locator('tbody tr').first();
    await firstRow.waitFor();
    expect(await firstRow.evaluate((tr) => getComputedStyle(tr).display)).toBe('block');
  });

  it('at 200 % zoom (half the CSS width): nothing is cut off', async () => {
    const page = await ui.open('/accounts', { as: 'admin' });
    await page.setViewportSize({ width: 680, height: 450 });
    for (const { path, ready } of PAGES) {
      await page.goto(ui.url(path()));
      await ready(page);
      await expectNoHorizontalScroll(page, `${path()} at 200 %`);
    }
  });

  it('truncates a long customer name with the whole name as a tooltip', async () => {
    const page = await ui.open('/accounts', { as: 'admin' });
    const name = page
      .getByRole('table', { name: 'Accounts' })
      .locator('tbody tr')
      .first()
      .locator('a span[title]')
      .first();
    await name.waitFor();
    expect(await name.getAttribute('title')).toBe(await name.textContent());
    expect(await name.evaluate((el) => getComputedStyle(el).textOverflow)).toBe('ellipsis');
  });
});

describe('dark mode, from the system setting', () => {
  it('has no colour-contrast violations on the main pages', async () => {
    const page = await ui.open('/accounts', { as: 'admin' });
    await page.emulateMedia({ colorScheme: 'dark' });
    for (const { path, ready } of PAGES) {
      await page.goto(ui.url(path()));
      await ready(page);
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe(
        'rgb(255, 255, 255)',
      );
      await settleAnimations(page);
      const { violations } = await new AxeBuilder({ page }).withRules(['color-contrast']).analyze();
      const found = violations.flatMap((v) =>
        v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary?.replace(/\n/g, ' ')}`),
      );
      expect(found, `contrast violations on ${path()}:\n${found.join('\n')}`).toEqual([]);
    }
  });
});

describe('request logs worth opening', () => {
  it('keeps “Failed only” in the URL: it survives a reload and follows back and forward', async () => {
    const broken = ui.console.sandbox.context.store.listAccounts().find((a) => a.status === 'error')!;
    const page = await ui.open(`/accounts/${broken.id}?tab=logs`, { as: 'viewer' });
    const logs = page.getByRole('table', { name: 'Request logs' });
    const failedOnly = page.getByRole('checkbox', { name: 'Failed only' });
    const onlyFailedRows = async () => {
      await logs.locator('tbody tr[data-failed]').first().waitFor();
      await expect.poll(() => logs.locator('tbody tr:not([data-failed])').count()).toBe(0);
    };
    await logs.locator('tbody tr:not([data-failed])').first().waitFor();
    expect(await failedOnly.getAttribute('aria-checked')).toBe('false');

    await failedOnly.click();
    await page.waitForURL((url) => url.searchParams.get('failedOnly') === 'true');
    expect(new URL(page.url()).searchParams.get('tab')).toBe('logs');
    await onlyFailedRows();

    await page.reload();
    await onlyFailedRows();
    expect(await failedOnly.getAttribute('aria-checked')).toBe('true');

    await page.goBack();
    await page.waitForURL((url) => !url.searchParams.has('failedOnly'));
    await logs.locator('tbody tr:not([data-failed])').first().waitFor();
    expect(await failedOnly.getAttribute('aria-checked')).toBe('false');

    await page.goForward();
    await page.waitForURL((url) => url.searchParams.get('failedOnly') === 'true');
    await onlyFailedRows();
    expect(await failedOnly.getAttribute('aria-checked')).toBe('true');
  });

  it('filters to failed requests and opens one with its provider error; Raw shows StackOne’s payload', async () => {
    const broken = ui.console.sandbox.context.store.listAccounts().find((a) => a.status === 'error')!;
    const page = await ui.open(`/accounts/${broken.id}?tab=logs`, { as: 'viewer' });
    const logs = page.getByRole('table', { name: 'Request logs' });
    await logs.locator('tbody tr').first().waitFor();
    const allRows = await logs.locator('tbody tr').count();

    await page.getByRole('checkbox', { name: 'Failed only' }).click();
    await expect.poll(() => logs.locator('tbody tr:not([data-failed])').count()).toBe(0);
    const failedRows = await logs.locator('tbody tr[data-failed]').count();
    expect(failedRows).toBeGreaterThan(0);
    expect(failedRows).toBeLessThan(allRows);

    await logs.locator('tbody tr[data-failed]').first().getByRole('button').click();
    const dialog = page.getByRole('dialog', { name: 'Request log' });
    const providerErrors = dialog.getByRole('region', { name: 'Provider errors' });
    await providerErrors.waitFor();
    expect(await providerErrors.getByLabel('Provider error 1').textContent()).not.toBe('');
    await dialog.getByRole('region', { name: 'Response' }).waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    await page.getByRole('tab', { name: 'Raw' }).click();
    const sent = page.getByLabel("StackOne's account JSON");
    await expect.poll(async () => (await sent.textContent())?.startsWith('{')).toBe(true);
    const upstream = (await (
      await platformFetch(ui.console.sandbox, `/accounts/${broken.id}`)
    ).json()) as Record<string, unknown>;
    expect(JSON.parse((await sent.textContent())!)).toEqual(upstream);
  });
});
