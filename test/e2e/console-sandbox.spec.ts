import { describe, expect, it } from 'vitest';
import { platformFetch } from '../support/sandbox.ts';
import { useConsoleBrowser } from './support/console-browser.ts';

const ui = useConsoleBrowser();

describe('the sandbox in the console', () => {
  it('a viewer sees the Sandbox badge linking to its docs, and no sandbox tools', async () => {
    const page = await ui.open('/accounts', { as: 'viewer' });
    const badge = page.getByRole('link', { name: 'Sandbox' });
    await badge.waitFor();
    expect(await badge.getAttribute('href')).toBe('/sandbox-docs');
    expect(await page.getByRole('button', { name: 'Sandbox tools' }).count()).toBe(0);
  });

  it('an admin breaks an account from its page and sees it turn to error', async () => {
    const store = ui.console.sandbox.context.store;
    const target = store.listAccounts().find((a) => a.status === 'active')!;
    const page = await ui.open(`/accounts/${target.id}`, { as: 'admin' });
    await page.getByRole('heading', { level: 1, name: target.origin_owner_name }).waitFor();

    await page.getByRole('button', { name: 'Sandbox tools' }).click();
    await page.getByRole('menuitem', { name: 'Break an account…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Break an account' });
    expect(await dialog.getByLabel('Account id').inputValue()).toBe(target.id);
    await dialog.getByLabel('Reason').selectOption('access_revoked');
    await dialog.getByRole('button', { name: 'Break account' }).click();
    await dialog.waitFor({ state: 'detached' });

    const upstream = (await (await platformFetch(ui.console.sandbox, `/accounts/${target.id}`)).json()) as {
      status: string;
    };
    expect(upstream.status).toBe('error');
    await page.getByText('access_revoked').first().waitFor();
  });
});
