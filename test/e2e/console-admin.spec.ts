import { describe, expect, it } from 'vitest';
import { platformFetch } from '../support/sandbox.ts';
import { useConsoleBrowser } from './support/console-browser.ts';

const ui = useConsoleBrowser();

describe('admins', () => {
  it('delete an account after typing the provider’s name: the row leaves the table and StackOne', async () => {
    const store = ui.console.sandbox.context.store;
    const target = store
      .listAccounts()
      .find((a) => a.origin_owner_id === 'cust_00002' && a.label === 'US entity')!;
    const globex = store.listAccounts().filter((a) => a.origin_owner_id === 'cust_00002');
    const sibling = globex.find((a) => a.label === 'EU entity')!;

    const page = await ui.open('/accounts?q=cust_00002', { as: 'admin' });
    const rows = page.getByRole('table', { name: 'Accounts' }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(globex.length);
    const row = rows.filter({ hasText: 'US entity' });
    await row.getByRole('button', { name: /^Actions for/ }).click();
    await page.getByRole('menuitem', { name: 'Delete account' }).click();

    const dialog = page.getByRole('alertdialog', { name: 'Delete account' });
    const confirm = dialog.getByRole('button', { name: 'Delete account' });
    const providerName = target.provider_name ?? target.provider;
    const typed = dialog.getByLabel(`Type ${providerName} to confirm`);
    await typed.fill(providerName.slice(0, -1));
    expect(await confirm.isDisabled()).toBe(true);
    await typed.fill(providerName.toLowerCase());
    await confirm.click();

    await page.getByText('Account deleted').waitFor();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => rows.count()).toBe(globex.length - 1);
    expect(await rows.filter({ hasText: 'US entity' }).count()).toBe(0);
    expect(await rows.filter({ hasText: 'EU entity' }).count()).toBe(1);

    const res = await platformFetch(ui.console.sandbox, `/accounts/${target.id}`);
    expect(res.status).toBe(404);
    expect(store.getAccount(target.id)).toBeUndefined();
    expect(store.getAccount(sibling.id)).toBeDefined();

    // Still gone after a reload: the index marked it deleted.
    await page.reload();
    await rows.first().waitFor();
    expect(await rows.count()).toBe(globex.length - 1);
    expect(await rows.filter({ hasText: 'US entity' }).count()).toBe(0);

    // Its own URL still opens it, read-only, with its history.
    await page.goto(ui.url(`/accounts/${target.id}`));
    await page.getByText('This account no longer exists in StackOne').waitFor();
    await page.getByText('Deleted', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Fix credentials' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Delete account' }).count()).toBe(0);
    await page
      .getByRole('tabpanel')
      .getByText(/deleted/i)
      .first()
      .waitFor();
  });
});
