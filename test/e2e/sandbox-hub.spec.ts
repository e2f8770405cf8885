import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../server/sandbox/start-sandbox.ts';
import { launchBrowser, watchConsoleErrors } from '../support/browser.ts';
import { createHubSession, startHubHostPage, type HubHostPage } from '../support/hub-host-page.ts';
import { platformFetch, startTestSandbox } from '../support/sandbox.ts';

let sandbox: RunningSandbox;
let host: HubHostPage;
let browser: Browser;
let page: Page;
let consoleErrors: string[];

beforeAll(async () => {
  [sandbox, browser] = await Promise.all([startTestSandbox(), launchBrowser()]);
  host = await startHubHostPage(sandbox.url);
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await sandbox?.close();
});

afterEach(async () => {
  await page?.context().close();
  expect(consoleErrors, 'unexpected console errors').toEqual([]);
});

/** `expectedErrors`: console errors the Hub itself logs for the case under test. */
async function openPage(url: string, expectedErrors: RegExp[] = []) {
  page = await browser.newPage();
  consoleErrors = watchConsoleErrors(page, expectedErrors);
  await page.goto(url);
  return page;
}

const hubEvents = () =>
  page.evaluate(() => (window as unknown as { hubEvents: { type: string; detail: unknown }[] }).hubEvents);

async function successDetail() {
  await page.getByText('Connection Successful').waitFor();
  await expect.poll(hubEvents).toHaveLength(1);
  const [event] = await hubEvents();
  expect(event?.type).toBe('success');
  return event!.detail as { id: string; provider: string };
}

async function platformAccount(id: string) {
  const res = await platformFetch(sandbox, `/accounts/${id}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

describe('the real StackOne Hub against the sandbox', () => {
  it('links a new API-key account from the picker and the account is active with the session label', async () => {
    const session = createHubSession(sandbox.context.store, {
      origin_owner_id: 'cust_e2e_ashby',
      label: 'Recruiting',
    });
    await openPage(host.pageUrl({ token: session.token }));
    expect(new URL(page.url()).origin).not.toBe(new URL(sandbox.url).origin);

    await page.getByPlaceholder('Search Integrations').fill('ash');
    await page.getByText('Ashby', { exact: true }).click();
    await page.getByLabel('API Key').fill('ashby_live_key_0001');
    await page.getByRole('button', { name: 'Connect', exact: true }).click();

    const detail = await successDetail();
    expect(detail.provider).toBe('ashby');
    const account = await platformAccount(detail.id);
    expect(account).toMatchObject({
      id: detail.id,
      provider: 'ashby',
      status: 'active',
      label: 'Recruiting',
      origin_owner_id: 'cust_e2e_ashby',
    });
  });

  it('edits an account in error: fields prefilled, secret masked, and the same account becomes active', async () => {
    const broken = sandbox.context.store
      .listAccounts()
      .find((a) => a.provider === 'bamboohr' && a.status === 'error')!;
    expect(broken.status_reasons?.length).toBeGreaterThan(0);
    const session = createHubSession(sandbox.context.store, {
      origin_owner_id: broken.origin_owner_id,
      origin_owner_name: broken.origin_owner_name,
      account_id: broken.id,
    });
    await openPage(host.pageUrl({ token: session.token }));

    const apiKey = page.getByLabel('API Key');
    await expect.poll(() => apiKey.inputValue()).toBe(`••••••••••${broken.secrets.api_key!.slice(-4)}`);
    expect(await apiKey.isDisabled()).toBe(true);
    expect(await page.getByLabel('Subdomain').inputValue()).toBe(broken.setup_information.subdomain);
    expect(await page.getByRole('button', { name: 'Back' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    await apiKey.fill('bamboo_rotated_key_42');
    await page.getByRole('button', { name: 'Connect', exact: true }).click();

    const detail = await successDetail();
    expect(detail).toEqual({ id: broken.id, provider: 'bamboohr' });
    const account = await platformAccount(broken.id);
    expect(account.status).toBe('active');
    expect(account.status_reasons ?? null).toBeNull();
    expect(sandbox.context.store.getAccount(broken.id)!.secrets.api_key).toBe('bamboo_rotated_key_42');
  });

  it('links an OAuth connector through the consent popup', async () => {
    const session = createHubSession(sandbox.context.store, {
      origin_owner_id: 'cust_e2e_oauth',
      categories: ['crm'],
      label: 'Sales CRM',
    });
    await openPage(host.pageUrl({ token: session.token }));
    await page.getByText('HubSpot', { exact: true }).click();
    await page.getByText('You need Super Admin rights in HubSpot.').waitFor();

    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      page.getByRole('button', { name: 'Connect', exact: true }).click(),
    ]);
    const popupErrors = watchConsoleErrors(popup);
    await popup.getByRole('heading', { name: 'Connect HubSpot' }).waitFor();
    await popup.getByRole('button', { name: 'Approve' }).click();

    const detail = await successDetail();
    expect(detail.provider).toBe('hubspot');
    expect(await platformAccount(detail.id)).toMatchObject({ status: 'active', label: 'Sales CRM' });
    expect(popupErrors).toEqual([]);
  });

  it('opens a provider-locked session straight on that connector form', async () => {
    const session = createHubSession(sandbox.context.store, { provider: 'greenhouse' });
    await openPage(host.pageUrl({ token: session.token }));
    await page.getByLabel('Harvest API key').waitFor();
    expect(await page.getByPlaceholder('Search Integrations').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Back' }).count()).toBe(0);
  });

  it('shows that nothing is available when the session token has expired', async () => {
    const session = createHubSession(sandbox.context.store, { expires_in: 0 });
    await openPage(host.pageUrl({ token: session.token }), [/status of 401 \(Unauthorized\)/]);
    await page.getByText('No configured integrations available.').waitFor();
  });

  it('shows the provider error when the sandbox rejects the credentials, and links nothing', async () => {
    const session = createHubSession(sandbox.context.store, {
      origin_owner_id: 'cust_e2e_invalid',
      provider: 'pipedrive',
    });
    const before = sandbox.context.store.listAccounts().length;
    await openPage(host.pageUrl({ token: session.token }), [
      /status of 400 \(Bad Request\)/,
      /^Error making request to \S+\/hub\/accounts Error: \{"status":400,"message":"Invalid credentials"/,
    ]);
    await page.getByLabel('API token').fill('invalid');
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.getByText('Invalid credentials').waitFor();
    expect(await hubEvents()).toEqual([]);
    expect(sandbox.context.store.listAccounts()).toHaveLength(before);
  });

  it('completes a connection on the hosted auth-link page', async () => {
    const session = createHubSession(sandbox.context.store, {
      origin_owner_id: 'cust_e2e_link',
      provider: 'workable',
      label: 'Careers site',
    });
    await openPage(`${sandbox.url}/embedded/integrations?token=${session.token}`);
    await page.getByLabel('Account subdomain').fill('careers');
    await page.getByLabel('Access token').fill('workable_token_123');
    await page.getByRole('button', { name: 'Connect', exact: true }).click();

    const status = page.getByRole('status');
    await expect.poll(() => status.textContent()).toContain('Connected. Your Workable account is linked');
    const id = await page.evaluate(() => document.body.dataset.accountId);
    expect(sandbox.context.store.getAccount(id!)).toMatchObject({
      provider: 'workable',
      label: 'Careers site',
      setup_information: { subdomain: 'careers' },
    });
  });
});
