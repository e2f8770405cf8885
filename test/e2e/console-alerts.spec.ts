import AxeBuilder from '@axe-core/playwright';
import { settleAnimations } from './support/axe.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isValidSignature,
  startWebhookReceiver,
  waitUntil,
  type WebhookReceiver,
} from '../support/webhook-receiver.ts';
import { useConsoleBrowser } from './support/console-browser.ts';

const ui = useConsoleBrowser({ sandbox: { accounts: 5 } });

describe('Settings → Alerts', () => {
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
  });

  it('adds a webhook destination, shows its secret once, sends a test alert and logs it', async () => {
    const page = await ui.open('/settings/stackone', { as: 'admin' });
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Alerts' }).click();
    await page.waitForURL((url) => url.pathname === '/settings/alerts');
    await page.getByRole('heading', { level: 1, name: 'Settings → Alerts' }).waitFor();
    await page.getByText('No alert destinations yet').waitFor();

    await page.getByRole('button', { name: 'Add destination' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add alert destination' });
    await dialog.getByLabel('Type').selectOption('webhook');
    await dialog.getByLabel('Name').fill('Pager');
    // A scheme other than http(s) is refused inline.
    await dialog.getByLabel('URL').fill('file:///etc/passwd');
    await dialog.getByRole('button', { name: 'Add destination' }).click();
    await dialog.getByText('Enter an http:// or https:// URL').waitFor();
    await dialog.getByLabel('URL').fill(receiver.url);
    await dialog.getByRole('button', { name: 'Add destination' }).click();

    const secretDialog = page.getByRole('dialog', { name: 'Signing secret of Pager' });
    const secret = await secretDialog.getByRole('textbox', { name: 'Signing secret' }).inputValue();
    expect(secret).toMatch(/^whsec_/);
    await secretDialog.getByRole('button', { name: 'Copy signing secret' }).waitFor();
    await settleAnimations(page);
    const { violations } = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
      .analyze();
    expect(
      violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
    ).toEqual([]);
    await secretDialog.getByRole('button', { name: 'Done' }).click();

    const table = page.getByRole('table', { name: 'Alert destinations' });
    const row = table.getByRole('row').filter({ hasText: 'Pager' });
    await row.waitFor();
    // Shown once: the page holds neither the secret nor the URL's path any more.
    expect(await page.content()).not.toContain(secret);
    expect(await row.textContent()).toContain(`${new URL(receiver.url).origin}/…`);

    await row.getByRole('button', { name: 'Send test alert to Pager' }).click();
    const log = page.getByRole('table', { name: 'Deliveries to Pager' });
    await log.getByRole('row').filter({ hasText: 'Delivered' }).waitFor();
    expect(await log.getByRole('row').filter({ hasText: 'Test alert from Switchboard' }).count()).toBe(1);
    await waitUntil(() => receiver.accepted().length === 1, { what: 'the test alert' });
    const received = receiver.accepted()[0]!;
    const header = received.headers['x-switchboard-signature'];
    expect(isValidSignature(received.body, typeof header === 'string' ? header : undefined, [secret])).toBe(
      true,
    );
    await settleAnimations(page);
    const axeLog = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
      .analyze();
    expect(
      axeLog.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
    ).toEqual([]);
    await page.keyboard.press('Escape');

    await row.getByRole('button', { name: 'Delete Pager' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Delete Pager?' });
    await confirm.getByRole('button', { name: 'Delete destination' }).click();
    await page.getByText('No alert destinations yet').waitFor();
  });
});
