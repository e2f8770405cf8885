import { describe, it } from 'vitest';
import { expectNoSeriousViolations } from './support/axe.ts';
import { useConsoleBrowser } from './support/console-browser.ts';

const ui = useConsoleBrowser();

describe('accessibility (axe: no serious or critical violations)', () => {
  it('the sign-in page', async () => {
    const page = await ui.open('/login');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await expectNoSeriousViolations(page);
  });

  it('the accounts table', async () => {
    const page = await ui.open('/accounts', { as: 'admin' });
    await page.getByRole('table', { name: 'Accounts' }).locator('tbody tr').nth(10).waitFor();
    await expectNoSeriousViolations(page);
  });

  it('an account page in error, on each tab', async () => {
    const broken = ui.console.sandbox.context.store.listAccounts().find((a) => a.status === 'error')!;
    const page = await ui.open(`/accounts/${broken.id}`, { as: 'admin' });
    await page.getByRole('heading', { name: 'Status reasons' }).waitFor();
    await expectNoSeriousViolations(page);
    await page.getByRole('tab', { name: 'Request logs' }).click();
    await page
      .getByRole('table', { name: 'Request logs' })
      .locator('tbody tr[data-failed]')
      .first()
      .waitFor();
    await expectNoSeriousViolations(page);
    await page.getByRole('tab', { name: 'Raw' }).click();
    await page.getByLabel('Account as JSON').waitFor();
    await expectNoSeriousViolations(page);
  });

  it('the add-account form, open in its dialog, with a validation error showing', async () => {
    const page = await ui.open('/accounts', { as: 'manager' });
    await page.getByRole('button', { name: 'Add account' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add account' });
    await dialog.getByRole('button', { name: 'Continue' }).waitFor();
    await expectNoSeriousViolations(page);
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await dialog.getByRole('alert').first().or(dialog.locator('[aria-invalid="true"]').first()).waitFor();
    await expectNoSeriousViolations(page);
  });
});
