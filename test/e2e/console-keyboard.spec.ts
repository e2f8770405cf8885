import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useConsoleBrowser } from './support/console-browser.ts';

const ui = useConsoleBrowser();
/** The Hub is a large chunk and a few requests; a busy 2-core machine needs its time. */
const HUB_TIMEOUT = 45_000;

/** The focused element, looking into shadow roots (the Hub renders in one). */
const describeFocus = (page: Page) =>
  page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    if (!active) return '';
    const labels = (active as HTMLInputElement).labels;
    const name =
      active.getAttribute('aria-label') ??
      (labels?.[0]?.textContent || null) ??
      active.getAttribute('placeholder') ??
      active.textContent;
    return `${active.tagName.toLowerCase()}:${(name ?? '').trim()}${active.getRootNode() instanceof ShadowRoot ? ' (in Hub)' : ''}`;
  });

const isFocused = (locator: Locator) =>
  locator.evaluate((el) => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active === el;
  });

/** Presses Tab (or Shift+Tab) until the focused element reads `target`; fails after `max` presses. */
async function tabTo(page: Page, target: RegExp, { max = 40, backwards = false } = {}) {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    const focus = await describeFocus(page);
    seen.push(focus);
    if (target.test(focus)) return;
  }
  throw new Error(`Tab never reached ${target}; focus went through:\n${seen.join('\n')}`);
}

describe('the Hub by keyboard only', () => {
  it('fixes credentials: focus starts in the Hub, Tab reaches its buttons, Enter connects', async () => {
    const store = ui.console.sandbox.context.store;
    const broken = store
      .listAccounts()
      .find((a) => a.origin_owner_id === 'cust_00001' && a.provider === 'bamboohr')!;
    const page = await ui.open(`/accounts/${broken.id}`, { as: 'support' });
    await page.getByRole('heading', { name: broken.origin_owner_name }).waitFor();

    await tabTo(page, /^button:Fix credentials$/);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Fix credentials' });
    await dialog.waitFor();

    // Focus goes into the Hub by itself, on its first field.
    const subdomain = dialog.getByLabel('Subdomain');
    await expect.poll(() => isFocused(subdomain), { timeout: HUB_TIMEOUT }).toBe(true);
    expect(await describeFocus(page)).toMatch(/\(in Hub\)$/);

    // Tab moves through the Hub's own controls, and wraps to the dialog's Close button and back.
    await tabTo(page, /^button:Close$/);
    await tabTo(page, /^input:Subdomain \(in Hub\)$/);

    await tabTo(page, /^button:Edit \(in Hub\)$/);
    await page.keyboard.press('Enter');
    const apiKey = dialog.getByLabel('API Key');
    await expect.poll(() => apiKey.isDisabled()).toBe(false);
    await tabTo(page, /^input:API Key/, { backwards: true });
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('bamboo_rotated_by_keyboard_1');
    // Every key has reached the Hub's field before focus leaves it (a busy machine lags behind).
    await expect.poll(() => apiKey.inputValue()).toBe('bamboo_rotated_by_keyboard_1');
    await tabTo(page, /^button:Connect \(in Hub\)$/);
    await page.keyboard.press('Enter');

    await page.getByText('Credentials updated').waitFor();
    await dialog.waitFor({ state: 'detached' });
    expect(store.getAccount(broken.id)!.secrets.api_key).toBe('bamboo_rotated_by_keyboard_1');

    // The timeline tells it as one story: the fix, by whom, from what to what.
    const fixed = page
      .getByRole('list', { name: 'Timeline' })
      .getByRole('listitem')
      .filter({ hasText: 'Credentials fixed in the Hub' });
    await fixed.waitFor();
    expect(await fixed.getByText('error (token_expired) → active', { exact: true }).count()).toBe(1);
    expect(await fixed.textContent()).toContain('by support-');
  });

  it('asks before discarding typed values; Escape closes an untouched Hub at once', async () => {
    const store = ui.console.sandbox.context.store;
    const account = store.listAccounts().find((a) => a.provider === 'bamboohr' && a.status === 'active')!;
    const page = await ui.open(`/accounts/${account.id}`, { as: 'support' });
    await page.getByRole('heading', { name: account.origin_owner_name }).waitFor();

    await tabTo(page, /^button:Fix credentials$/);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Fix credentials' });
    const subdomain = dialog.getByLabel('Subdomain');
    await expect.poll(() => isFocused(subdomain), { timeout: HUB_TIMEOUT }).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    await tabTo(page, /^button:Fix credentials$/, { backwards: true });
    await page.keyboard.press('Enter');
    await expect.poll(() => isFocused(subdomain), { timeout: HUB_TIMEOUT }).toBe(true);
    await page.keyboard.type('-typed');
    await page.keyboard.press('Escape');
    const question = page.getByRole('alertdialog', { name: 'Discard what you typed?' });
    // The question has focus (so it, not the Hub's dialog, answers the next key) once it is ready: it can
    // be on screen a moment before, and an Escape then would reach the dialog beneath it.
    const keepEditing = question.getByRole('button', { name: 'Keep editing' });
    await expect.poll(() => isFocused(keepEditing)).toBe(true);
    // Escape on the question keeps the Hub and what was typed.
    await page.keyboard.press('Escape');
    await question.waitFor({ state: 'detached' });
    expect(await subdomain.inputValue()).toBe(`${account.setup_information.subdomain}-typed`);
    await page.keyboard.press('Escape');
    await expect.poll(() => isFocused(keepEditing)).toBe(true);
    await tabTo(page, /^button:Discard$/);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    expect(store.getAccount(account.id)!.setup_information.subdomain).toBe(
      account.setup_information.subdomain,
    );
  });

  it('adds an account: the form, then the Hub, all by keyboard', async () => {
    const page = await ui.open('/accounts', { as: 'manager' });
    await page.getByRole('table', { name: 'Accounts' }).locator('tbody tr').first().waitFor();

    await tabTo(page, /^button:Add account$/);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Add account' });
    const customerId = dialog.getByRole('combobox', { name: 'Customer ID' });
    await expect.poll(() => isFocused(customerId)).toBe(true);
    await page.keyboard.type('cust_keyboard_1');
    await tabTo(page, /^input:Customer name$/);
    await page.keyboard.type('Keyboard Industries');
    await tabTo(page, /^button:Provider$/);
    await page.keyboard.press('Enter');
    await page.getByRole('combobox', { name: 'Search providers' }).waitFor();
    await page.keyboard.type('greenhouse');
    await page.getByRole('option', { name: /Greenhouse/ }).waitFor();
    await page.keyboard.press('Enter');
    await tabTo(page, /^input:Label$/);
    await page.keyboard.press('Enter');

    // The Hub, locked to Greenhouse: focus lands on its first field.
    const harvestKey = dialog.getByLabel('Harvest API key');
    await expect.poll(() => isFocused(harvestKey), { timeout: HUB_TIMEOUT }).toBe(true);
    await page.keyboard.type('gh_harvest_keyboard_1');
    await tabTo(page, /^input:On-Behalf-Of user ID/);
    await page.keyboard.type('777');
    await tabTo(page, /^button:Connect \(in Hub\)$/);
    await page.keyboard.press('Enter');

    await page.getByText('Account added').waitFor();
    await page.getByRole('heading', { name: 'Keyboard Industries' }).waitFor();
    const created = ui.console.sandbox.context.store
      .listAccounts()
      .find((a) => a.origin_owner_id === 'cust_keyboard_1')!;
    expect(created.secrets.username).toBe('gh_harvest_keyboard_1');
  });
});
