import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { settleAnimations } from './support/axe.ts';
import { describe, expect, it } from 'vitest';
import { useConsoleBrowser } from './support/console-browser.ts';

const ui = useConsoleBrowser();

/** A CSV of quoted cells (as the console writes it) → rows of cells, header first. */
function parseCsv(text: string): string[][] {
  return text
    .trimEnd()
    .split('\r\n')
    .map((line) => [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1]!.replaceAll('""', '"')));
}

describe('bulk outreach', () => {
  it('support sends links to every broken BambooHR account, downloads the CSV, and a customer completes one live', async () => {
    const store = ui.console.sandbox.context.store;
    const broken = store.listAccounts().filter((a) => a.provider === 'bamboohr' && a.status === 'error');
    expect(broken.length).toBeGreaterThan(0);

    const page = await ui.open('/accounts?status=error&provider=bamboohr', {
      as: 'support',
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    await expect.poll(() => page.getByRole('row').count()).toBe(broken.length + 1);

    // Tick the first row, shift-click the last: the whole range.
    const boxes = page.getByRole('checkbox', { name: /^Select (?!all)/ });
    await boxes.first().click();
    if (broken.length > 1) await boxes.last().click({ modifiers: ['Shift'] });
    const bar = page.getByRole('region', { name: 'Selection' });
    await bar.getByText(`${broken.length} selected`).waitFor();

    await bar.getByRole('button', { name: 'Send re-link links' }).click();
    const dialog = page.getByRole('dialog', { name: 'Send re-link links' });
    await dialog.getByRole('radio', { name: '1 day' }).check();
    await dialog
      .getByRole('button', { name: broken.length === 1 ? 'Send 1 link' : `Send ${broken.length} links` })
      .click();
    await dialog.getByText(`Done: ${broken.length} links made, 0 failed.`).waitFor({ timeout: 60_000 });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('link', { name: 'Download CSV' }).click(),
    ]);
    const rows = parseCsv(await readFile((await download.path())!, 'utf8'));
    expect(rows[0]).toEqual([
      'customer id',
      'customer name',
      'provider',
      'label',
      'account id',
      'link',
      'expires',
    ]);
    expect(
      rows
        .slice(1)
        .map((r) => r[4])
        .sort(),
    ).toEqual(broken.map((a) => a.id).sort());

    await dialog.getByRole('button', { name: 'Copy all' }).click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied.split('\n')).toHaveLength(broken.length);
    await dialog.getByRole('button', { name: 'Done' }).click();

    // The ledger, open while the customer works.
    await page.getByRole('link', { name: 'Links' }).click();
    await page.waitForURL((url) => url.pathname === '/links');
    const [, , , , accountId, link] = rows[1]!;
    const ledgerRow = page.getByRole('row').filter({ hasText: accountId! });
    await ledgerRow.getByText('Sent', { exact: true }).waitFor();
    await settleAnimations(page);
    const violations = (
      await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()
    ).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(violations.map((v) => v.id)).toEqual([]);

    // The customer opens the short link from the CSV: redirected to StackOne's hosted page, the real Hub.
    const account = store.getAccount(accountId!)!;
    const customer = await ui.open(link!);
    const apiKey = customer.getByLabel('API Key');
    await apiKey.waitFor({ timeout: 15_000 });
    await ledgerRow.getByText('Opened', { exact: true }).waitFor();
    await customer.getByRole('button', { name: 'Edit', exact: true }).click();
    await apiKey.fill('bamboo_relinked_by_customer_1');
    await customer.getByRole('button', { name: 'Connect', exact: true }).click();
    await customer.getByText(/Connected\. Your BambooHR account is linked/).waitFor();

    // The console heard the account turn active: the ledger row says completed, without a reload.
    await ledgerRow.getByText('Completed', { exact: true }).waitFor({ timeout: 15_000 });
    expect(store.getAccount(account.id)!.status).toBe('active');
  });
});
