import AxeBuilder from '@axe-core/playwright';
import { settleAnimations } from './support/axe.ts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, watchConsoleErrors } from '../support/browser.ts';
import { SPA_DIST_DIR, startTestConsole, type TestConsole } from '../support/console.ts';
import { IDP_CLIENT, startTestIdp, type TestIdp } from '../support/oidc-provider.ts';

/**
 * Chromium logs, and these stories expect: the session probe of a signed-out page (401), the test
 * IdP's missing favicon (404), and provider logos on hosts this machine cannot resolve.
 */
const EXPECTED_ERRORS = [/status of 401/, /status of 404/, /ERR_NAME_NOT_RESOLVED/];

describe('signing in with SSO in the browser', () => {
  let idp: TestIdp;
  let t: TestConsole;
  let browser: Browser;

  beforeAll(async () => {
    idp = await startTestIdp([
      { id: 'sam', email: 'sam@example.com', name: 'Sam Support', groups: ['sb-support'] },
      { id: 'mo', email: 'mo@example.com', name: 'Mo', groups: ['marketing'] },
    ]);
    t = await startTestConsole({
      spaDir: SPA_DIST_DIR,
      autoSync: true,
      sandbox: { accounts: 6 },
      env: {
        OIDC_ISSUER: idp.issuer,
        OIDC_CLIENT_ID: IDP_CLIENT.id,
        OIDC_CLIENT_SECRET: IDP_CLIENT.secret,
        OIDC_ROLE_MAP: 'sb-admins:admin,sb-support:support',
      },
    });
    idp.register(t.console.deps.config.oidc!.callbackUrl);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await idp?.close();
  });

  const newPage = async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = watchConsoleErrors(page, EXPECTED_ERRORS);
    return { page, errors };
  };
  const logInAtIdp = async (page: Page, login: string) => {
    await page.getByRole('button', { name: 'Sign in with SSO' }).click();
    await page.waitForURL((url) => url.origin === idp.issuer);
    await page.getByPlaceholder('Enter any login').fill(login);
    await page.getByPlaceholder('and password').fill('any-password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
  };

  it('has an accessible sign-in page with the SSO button', async () => {
    const { page, errors } = await newPage();
    await page.goto(`${t.console.url}/login`);
    await page.getByRole('button', { name: 'Sign in with SSO' }).waitFor();
    await settleAnimations(page);
    const { violations } = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
      .analyze();
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('signs in at the IdP and lands in the console with the role of the IdP group', async () => {
    const { page, errors } = await newPage();
    await page.goto(`${t.console.url}/accounts?q=acme`);
    await page.waitForURL((url) => url.pathname === '/login');
    await logInAtIdp(page, 'sam');
    await page.waitForURL(
      (url) => url.origin === new URL(t.console.url).origin && url.pathname === '/accounts',
    );
    expect(new URL(page.url()).searchParams.get('q')).toBe('acme');
    const me = await page.evaluate(async () => (await fetch('/api/me')).json());
    expect(me).toMatchObject({ user: { email: 'sam@example.com', role: 'support', signInMethod: 'sso' } });
    // Support cannot manage users: the navigation offers no Users page.
    expect(await page.getByRole('link', { name: 'Users' }).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('shows a clear page when the IdP groups give no role', async () => {
    const { page } = await newPage();
    await page.goto(`${t.console.url}/login`);
    await logInAtIdp(page, 'mo');
    await page.waitForURL((url) => url.pathname === '/sso-error');
    await page.getByRole('heading', { name: 'Single sign-on failed' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(/give you no role in Switchboard/);
    await page.getByRole('link', { name: 'Back to sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
  });
});
