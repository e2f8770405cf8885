import AxeBuilder from '@axe-core/playwright';
import { settleAnimations } from './support/axe.ts';
import { describe, expect, it } from 'vitest';
import { useConsoleBrowser } from './support/console-browser.ts';

const ui = useConsoleBrowser({ sandbox: { accounts: 40 } });

describe('Settings → StackOne', () => {
  it('shows admins the doctor report, each level as a word, and runs it again on request', async () => {
    const page = await ui.open('/accounts', { as: 'admin' });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.waitForURL((url) => url.pathname === '/settings/stackone');
    await page.getByRole('heading', { level: 1, name: 'Settings → StackOne' }).waitFor();

    const checks = page.getByRole('list', { name: 'Checks' });
    await checks.getByRole('listitem', { name: 'StackOne and API key: OK' }).waitFor();
    expect(await checks.getByRole('listitem', { name: /^Accounts: OK$/ }).textContent()).toContain(
      '40 accounts',
    );
    // The test console's PUBLIC_URL is plain http: a warning, with what to do, in words.
    const publicUrl = checks.getByRole('listitem', { name: 'PUBLIC_URL: Warning' });
    expect(await publicUrl.textContent()).toContain('What to do:');
    await settleAnimations(page);
    const { violations } = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
      .analyze();
    expect(
      violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
    ).toEqual([]);

    // StackOne fails the connectors call once, slowly: the rerun shows it is running, then the failure.
    ui.console.sandbox.context.faults.add({
      path: '/connectors/meta',
      status: 503,
      latencyMs: 1500,
      rate: 1,
      retryAfter: 1,
      times: 1,
    });
    await page.getByRole('button', { name: 'Run again' }).click();
    const running = page.getByRole('button', { name: 'Running…' });
    await running.waitFor();
    expect(await running.isDisabled()).toBe(true);
    await checks.getByRole('listitem', { name: 'Connectors: Failed' }).waitFor();
    await page.getByRole('button', { name: 'Run again' }).waitFor();
    expect(await page.getByText(/^1 failed, \d+ warnings?$/).count()).toBe(1);
  });

  it('is not offered to other roles, and refuses them by URL', async () => {
    const page = await ui.open('/accounts', {
      as: 'manager',
      allow: [{ text: /status of 403/, url: /\/api\/settings\/stackone\/doctor$/ }],
    });
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Accounts' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Settings' }).count()).toBe(0);

    await page.goto(ui.url('/settings/stackone'));
    const alert = page.getByRole('alert').filter({ hasText: 'The check could not run' });
    await alert.waitFor();
    // The 403 says in plain words which role is needed.
    expect(await alert.textContent()).toContain('needs the admin role');
  });
});
