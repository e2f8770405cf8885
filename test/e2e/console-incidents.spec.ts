import AxeBuilder from '@axe-core/playwright';
import { settleAnimations } from './support/axe.ts';
import { describe, expect, it } from 'vitest';
import type { IncidentListResponse } from '../../shared/schemas/incident.ts';
import { platformFetch } from '../support/sandbox.ts';
import { waitUntil } from '../support/webhook-receiver.ts';
import { useConsoleBrowser } from './support/console-browser.ts';

const ui = useConsoleBrowser();

/** Breaks an active account in the sandbox and waits for its incident (the webhook arrived). */
async function breakAccount(): Promise<{ id: string; owner: string }> {
  const store = ui.console.sandbox.context.store;
  const used = new Set((await openIncidents()).items.map((i) => i.accountId));
  const target = store.listAccounts().find((a) => a.status === 'active' && !used.has(a.id))!;
  const res = await platformFetch(ui.console.sandbox, `/_sandbox/accounts/${target.id}/break`, {
    method: 'POST',
    body: JSON.stringify({ code: 'invalid_credentials' }),
  });
  expect(res.status).toBe(200);
  await waitUntil(async () => (await openIncidents(target.id)).total === 1, {
    timeoutMs: 30_000,
    what: 'the incident opened',
  });
  return { id: target.id, owner: target.origin_owner_name };
}

async function openIncidents(q?: string): Promise<IncidentListResponse> {
  const res = await ui.console.api(`/api/incidents?pageSize=200${q ? `&q=${encodeURIComponent(q)}` : ''}`);
  return (await res.json()) as IncidentListResponse;
}

describe('the incident queue', () => {
  it('support takes an incident, notes it, sends a re-link link, and sees it resolve live on repair', async () => {
    const target = await breakAccount();
    const page = await ui.open(`/incidents?q=${encodeURIComponent(target.id)}`, { as: 'support' });
    const table = page.getByRole('table', { name: 'Incidents' });
    const row = table.locator('tbody tr').filter({ hasText: target.id });
    await row.waitFor();
    await row.getByRole('button', { name: 'Assign to me' }).click();
    // The state badge and the state picker both say so.
    await row.getByText('Acknowledged', { exact: true }).first().waitFor();
    await row.getByRole('button', { name: 'Unassign' }).waitFor();

    await row.getByRole('button', { name: new RegExp(target.owner) }).click();
    const panel = page.getByRole('dialog', { name: `Incident: ${target.owner}` });
    await panel.getByLabel('Add a note').fill('Called the customer, they will re-link today');
    await panel.getByRole('button', { name: 'Add note' }).click();
    await panel.getByText('Called the customer, they will re-link today').waitFor();

    await panel.getByRole('button', { name: 'Send re-link link' }).click();
    const relink = page.getByRole('dialog', { name: 'Send re-link link' });
    await relink.getByRole('radio', { name: '1 day' }).check();
    await relink.getByRole('button', { name: 'Create link' }).click();
    await relink.getByLabel('Re-link link').waitFor();
    await relink.getByRole('button', { name: 'Done' }).click();
    await relink.waitFor({ state: 'detached' });
    await panel.getByText('Waiting on customer', { exact: true }).first().waitFor({ timeout: 15_000 });

    // The customer fixes it (the sandbox repairs the account): the incident resolves on screen.
    const res = await platformFetch(ui.console.sandbox, `/_sandbox/accounts/${target.id}/repair`, {
      method: 'POST',
    });
    expect(res.status).toBe(200);
    await panel.getByText('Resolved', { exact: true }).first().waitFor({ timeout: 30_000 });
  });

  it('has no serious or critical axe violations, with the side panel open too', async () => {
    const target = await breakAccount();
    const page = await ui.open('/incidents', { as: 'support' });
    await page.getByRole('table', { name: 'Incidents' }).locator('tbody tr').first().waitFor();
    const axe = async () => {
      await settleAnimations(page);
      const { violations } = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
        .analyze();
      return violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .flatMap((v) => v.nodes.map((n) => `[${v.impact}] ${v.id}: ${v.help} — ${n.target.join(' ')}`));
    };
    expect(await axe()).toEqual([]);
    await page.goto(`${ui.console.console.url}/incidents?q=${encodeURIComponent(target.id)}`);
    const row = page
      .getByRole('table', { name: 'Incidents' })
      .locator('tbody tr')
      .filter({ hasText: target.id });
    await row.getByRole('button', { name: new RegExp(target.owner) }).click();
    await page
      .getByRole('dialog', { name: `Incident: ${target.owner}` })
      .getByText('Status history')
      .waitFor();
    expect(await axe()).toEqual([]);
  });
});
