import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { SavedView, SavedViewList } from '../../shared/schemas/saved-views.ts';
import { savedViews } from '../../server/db/schema.ts';
import { expectNoSeriousViolations } from './support/axe.ts';
import type { AllowedError, Credentials } from './support/console-browser.ts';
import { useConsoleBrowser } from './support/console-browser.ts';

const ui = useConsoleBrowser();

/** A view gone (deleted elsewhere) answers 404, which Chromium logs as a failed resource. */
const VIEW_GONE_404: AllowedError = {
  text: /^Failed to load resource: the server responded with a status of 404/,
  url: /\/api\/views\/[^/?]+$/,
};

async function createView(as: Credentials, body: { name: string; shared: boolean }): Promise<SavedView> {
  const cookie = await ui.console.signIn(as.email, as.password);
  const res = await ui.console.api('/api/views', {
    method: 'POST',
    cookie,
    body: JSON.stringify({ ...body, search: { status: ['error'], sort: 'owner', order: 'asc' } }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as SavedView;
}

async function viewsAsAdmin(): Promise<SavedView[]> {
  return ((await (await ui.console.api('/api/views')).json()) as SavedViewList).items;
}

async function openManageViews(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Views' }).click();
  await page.getByRole('menuitem', { name: 'Manage views…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Manage views' });
  await dialog.waitFor();
  return dialog;
}

const toast = (page: Page, text: string | RegExp) =>
  page.locator('[data-sonner-toast]').filter({ hasText: text });

describe('managing saved views from the Views menu', () => {
  it('an owner renames a view, shares it with the team and deletes it after confirming', async () => {
    const viewer = await ui.user('viewer');
    const view = await createView(viewer, { name: 'Morning errors', shared: false });
    const page = await ui.open('/accounts', { as: 'viewer' });
    await page.getByRole('table', { name: 'Accounts' }).locator('tbody tr').first().waitFor();

    const dialog = await openManageViews(page);
    const list = dialog.getByRole('list', { name: 'Saved views' });
    await list.getByText('Morning errors').waitFor();
    await expectNoSeriousViolations(page);

    // Rename.
    await dialog.getByRole('button', { name: 'Rename “Morning errors”' }).click();
    const rename = dialog.getByRole('form', { name: 'Rename “Morning errors”' });
    await rename.getByLabel('New name').fill('Morning triage');
    await rename.getByRole('button', { name: 'Save' }).click();
    await toast(page, 'Renamed the view to “Morning triage”').waitFor();
    await list.getByText('Morning triage').waitFor();
    expect((await viewsAsAdmin()).find((v) => v.id === view.id)).toBeUndefined(); // still private

    // Share.
    await dialog.getByRole('button', { name: 'Share “Morning triage”' }).click();
    await toast(page, 'Shared “Morning triage” with the team').waitFor();
    await dialog.getByRole('button', { name: 'Stop sharing “Morning triage”' }).waitFor();
    expect((await viewsAsAdmin()).find((v) => v.id === view.id)).toMatchObject({
      name: 'Morning triage',
      shared: true,
    });

    // The navigation lists it under its new name, with the team's views.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Views' }).click();
    await page.getByRole('menuitem', { name: /Morning triage/ }).waitFor();
    expect(await page.getByRole('menuitem', { name: /Morning errors/ }).count()).toBe(0);
    await page.keyboard.press('Escape');

    // Delete: nothing happens until confirmed.
    const again = await openManageViews(page);
    await again.getByRole('button', { name: 'Delete “Morning triage”' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Delete the view “Morning triage”?' });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect((await viewsAsAdmin()).some((v) => v.id === view.id)).toBe(true);

    await again.getByRole('button', { name: 'Delete “Morning triage”' }).click();
    await confirm.getByRole('button', { name: 'Delete view' }).click();
    await toast(page, 'Deleted the view “Morning triage”').waitFor();
    await again.getByText('No saved views that you can change.').waitFor();
    expect((await viewsAsAdmin()).some((v) => v.id === view.id)).toBe(false);
  });

  it('an admin manages a view someone else shared; support can only open it', async () => {
    const manager = await ui.user('manager');
    const view = await createView(manager, { name: 'Team board', shared: true });

    const support = await ui.open('/accounts', { as: 'support' });
    await support.getByRole('table', { name: 'Accounts' }).locator('tbody tr').first().waitFor();
    await support.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Views' }).click();
    await support.getByRole('menuitem', { name: /Team board/ }).waitFor();
    expect(await support.getByRole('menuitem', { name: 'Manage views…' }).count()).toBe(0);

    const admin = await ui.open('/accounts', { as: 'admin' });
    await admin.getByRole('table', { name: 'Accounts' }).locator('tbody tr').first().waitFor();
    const dialog = await openManageViews(admin);
    const row = dialog.getByRole('listitem').filter({ hasText: 'Team board' });
    await row.getByText('By E2E manager').waitFor();
    await row.getByRole('button', { name: 'Stop sharing “Team board”' }).click();
    await toast(admin, '“Team board” is private').waitFor();
    // Private to its owner now: it leaves the admin's list.
    await row.waitFor({ state: 'detached' });
    const managerCookie = await ui.console.signIn(manager.email, manager.password);
    const own = (await (
      await ui.console.api(`/api/views/${view.id}`, { cookie: managerCookie })
    ).json()) as SavedView;
    expect(own).toMatchObject({ name: 'Team board', shared: false });
  });

  it('a failed change is a toast and the list is refreshed', async () => {
    const viewer = await ui.user('viewer');
    const view = await createView(viewer, { name: 'Soon gone', shared: false });
    const page = await ui.open('/accounts', { as: 'viewer', allow: [VIEW_GONE_404] });
    await page.getByRole('table', { name: 'Accounts' }).locator('tbody tr').first().waitFor();
    const dialog = await openManageViews(page);
    await dialog.getByText('Soon gone').waitFor();

    // Deleted elsewhere (another tab) while this dialog is open.
    const cookie = await ui.console.signIn(viewer.email, viewer.password);
    expect((await ui.console.api(`/api/views/${view.id}`, { method: 'DELETE', cookie })).status).toBe(200);

    await dialog.getByRole('button', { name: 'Share “Soon gone”' }).click();
    await toast(page, 'Could not change the view’s sharing').waitFor();
    await dialog.getByText('Soon gone').waitFor({ state: 'detached' });
  });

  it('opens a view whose saved filter no longer parses with the defaults and a visible notice', async () => {
    // Saved before the accounts query changed: the API would refuse this search today, so it is
    // written as an old row would be.
    await ui.console.console.deps.database.db.insert(savedViews).values({
      id: randomUUID(),
      ownerId: 'user-from-before',
      ownerName: 'Someone',
      name: 'Old triage',
      search: { status: ['error'], sort: 'health', pageSize: 100000 },
      shared: true,
    });
    const page = await ui.open('/accounts?q=acme', { as: 'viewer' });
    await page.getByRole('table', { name: 'Accounts' }).locator('tbody tr').first().waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Views' }).click();
    await page.getByRole('menuitem', { name: /Old triage/ }).click();

    await toast(page, 'The view “Old triage” has filters that no longer apply').waitFor();
    await page.waitForURL((url) => url.searchParams.get('status') === 'error' && !url.searchParams.has('q'));
    const url = new URL(page.url());
    // What no longer parses is back to its default: no sort, no page size in the URL.
    expect(url.searchParams.has('sort')).toBe(false);
    expect(url.searchParams.has('pageSize')).toBe(false);
    await page.getByRole('table', { name: 'Accounts' }).locator('tbody tr').first().waitFor();
  });
});
