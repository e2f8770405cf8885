import { describe, expect, it } from 'vitest';
import { platformFetch } from '../support/sandbox.ts';
import { useConsoleBrowser } from './support/console-browser.ts';

const ui = useConsoleBrowser();

describe('account managers', () => {
  it('add a second, labeled Greenhouse account for Acme in multiple mode, leaving the first untouched', async () => {
    const store = ui.console.sandbox.context.store;
    const acmeGreenhouse = () =>
      store.listAccounts().filter((a) => a.origin_owner_id === 'cust_00001' && a.provider === 'greenhouse');
    const [first] = acmeGreenhouse();
    expect(acmeGreenhouse()).toHaveLength(1);
    const firstBefore = structuredClone(first!);

    const page = await ui.open('/accounts', { as: 'manager' });
    await page.getByRole('button', { name: 'Add account' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add account' });

    // An existing customer, picked from the suggestions, fills in its name.
    await dialog.getByRole('combobox', { name: 'Customer ID' }).fill('cust_00001');
    await page.getByRole('option', { name: /Acme Corporation/ }).click();
    expect(await dialog.getByLabel('Customer name').inputValue()).toBe('Acme Corporation');

    await dialog.getByRole('combobox', { name: 'Provider' }).click();
    await page.getByRole('combobox', { name: 'Search providers' }).fill('greenhouse');
    await page.getByRole('option', { name: /Greenhouse/ }).click();

    // Acme already has Greenhouse: the form says why a label is needed, and insists on one.
    const label = dialog.getByRole('textbox', { name: 'Label' });
    await dialog.getByText('Acme Corporation already has a Greenhouse account').waitFor();
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await dialog
      .getByText('A label is required: Acme Corporation already has a Greenhouse account')
      .waitFor();
    expect(await label.getAttribute('aria-invalid')).toBe('true');
    await label.fill('EU entity');
    await dialog.getByRole('button', { name: 'Continue' }).click();

    // The real Hub, locked to Greenhouse: no connector picker, straight on its form.
    const harvestKey = dialog.getByLabel('Harvest API key');
    await harvestKey.waitFor({ timeout: 15_000 });
    expect(await dialog.getByPlaceholder('Search Integrations').count()).toBe(0);
    const session = [...store.sessions.values()].at(-1)!;
    expect(session).toMatchObject({
      provider: 'greenhouse',
      multiple: true,
      label: 'EU entity',
      origin_owner_id: 'cust_00001',
      origin_owner_name: 'Acme Corporation',
      account_id: null,
    });
    await harvestKey.fill('gh_harvest_eu_entity_1');
    await dialog.getByLabel('On-Behalf-Of user ID').fill('424242');
    await dialog.getByRole('button', { name: 'Connect', exact: true }).click();

    // The new account's page.
    await page.getByText('Account added').waitFor();
    await page.waitForURL(
      (url) => /^\/accounts\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith(first!.id),
    );
    const newId = new URL(page.url()).pathname.split('/').at(-1)!;
    await page.getByRole('heading', { level: 1, name: 'Acme Corporation' }).waitFor();
    await page.getByText('EU entity', { exact: true }).waitFor();
    expect(await dialog.count()).toBe(0);

    expect(
      acmeGreenhouse()
        .map((a) => a.id)
        .sort(),
    ).toEqual([first!.id, newId].sort());
    expect(store.getAccount(newId)).toMatchObject({
      label: 'EU entity',
      status: 'active',
      secrets: { username: 'gh_harvest_eu_entity_1' },
      setup_information: { on_behalf_of: '424242' },
    });
    const res = await platformFetch(ui.console.sandbox, `/accounts/${first!.id}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: first!.id, label: null, status: firstBefore.status });
    expect(store.getAccount(first!.id)!.secrets).toEqual(firstBefore.secrets);

    // The list shows both, the first one still unlabeled.
    await page.goto(ui.url('/accounts?q=acme&provider=greenhouse'));
    await expect.poll(() => page.getByRole('row').count()).toBe(3);
    const rows = page.getByRole('row').filter({ hasText: 'Greenhouse' });
    expect(await rows.filter({ hasText: 'EU entity' }).count()).toBe(1);
  });
});
