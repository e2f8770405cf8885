import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../server/sandbox/start-sandbox.ts';
import { launchBrowser, watchConsoleErrors } from '../support/browser.ts';
import { startConnectHostPages, type ConnectHostPages } from '../support/connect-host-page.ts';
import { createHubSession } from '../support/hub-host-page.ts';
import { platformFetch, startTestSandbox } from '../support/sandbox.ts';

// StackOne's legacy ways in: `@stackone/react-hub` (the real package, bundled into a React page) and a
// plain `<script src=".../stackone/connect.js">` with `Connect.start`, both pointed at the sandbox.

type HostEvent = { type: 'success' | 'cancel' | 'close'; account?: { id: string; provider: string } };

let sandbox: RunningSandbox;
let host: ConnectHostPages;
let browser: Browser;
let page: Page;
let consoleErrors: string[];

beforeAll(async () => {
  [sandbox, browser] = await Promise.all([startTestSandbox(), launchBrowser()]);
  host = await startConnectHostPages(sandbox.url);
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

/** `expectedErrors`: console errors the case under test makes the browser log. */
async function openPage(url: string, expectedErrors: RegExp[] = []) {
  page = await browser.newPage();
  consoleErrors = watchConsoleErrors(page, expectedErrors);
  await page.goto(url);
  expect(new URL(page.url()).origin).not.toBe(new URL(sandbox.url).origin);
  return page;
}

const connectEvents = () =>
  page.evaluate(() => (window as unknown as { connectEvents: HostEvent[] }).connectEvents);
const dialog = () => page.getByRole('dialog', { name: 'StackOne Hub' });
const hubFrame = () => page.frameLocator('iframe[title="StackOne Hub"]');

async function platformAccount(id: string) {
  const res = await platformFetch(sandbox, `/accounts/${id}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

/** Fills the provider-locked Ashby form in the framed Hub and connects. */
async function connectAshby(apiKey: string) {
  await hubFrame().getByLabel('API Key').fill(apiKey);
  await hubFrame().getByRole('button', { name: 'Connect', exact: true }).click();
  await hubFrame().getByText('Connection Successful').waitFor();
}

describe('@stackone/react-hub against the sandbox', () => {
  it('links an account through useStackOneHub, calls onSuccess with it, then onClose when the Hub is closed', async () => {
    const session = createHubSession(sandbox.context.store, {
      origin_owner_id: 'cust_react_hub',
      provider: 'ashby',
      label: 'From react-hub',
    });
    await openPage(
      host.reactPageUrl({ token: session.token, connectUrl: `${sandbox.url}/stackone/connect.js` }),
    );

    await page.getByRole('button', { name: 'Connect account' }).click();
    await dialog().waitFor();
    await connectAshby('ashby_react_hub_key');

    await expect.poll(connectEvents).toHaveLength(1);
    const [success] = await connectEvents();
    expect(success).toMatchObject({ type: 'success', account: { provider: 'ashby' } });
    expect(Object.keys(success!.account!).sort()).toEqual(['id', 'provider']);
    expect(await platformAccount(success!.account!.id)).toMatchObject({
      provider: 'ashby',
      status: 'active',
      label: 'From react-hub',
      origin_owner_id: 'cust_react_hub',
    });

    await hubFrame().getByRole('button', { name: 'Close', exact: true }).click();
    await dialog().waitFor({ state: 'detached' });
    expect((await connectEvents()).map((e) => e.type)).toEqual(['success', 'close']);

    // The hook heard the close (its state is "closed" again): a second start opens the Hub again.
    await page.getByRole('button', { name: 'Connect account' }).click();
    await dialog().waitFor();
    await hubFrame().getByLabel('API Key').waitFor();
  });

  it('calls onCancel then onClose when the Hub is dismissed with nothing linked', async () => {
    const session = createHubSession(sandbox.context.store, { provider: 'ashby' });
    await openPage(
      host.reactPageUrl({ token: session.token, connectUrl: `${sandbox.url}/stackone/connect.js` }),
    );

    await page.getByRole('button', { name: 'Connect account' }).click();
    await hubFrame().getByLabel('API Key').waitFor();
    await dialog().getByRole('button', { name: 'Close' }).click();

    await dialog().waitFor({ state: 'detached' });
    expect((await connectEvents()).map((e) => e.type)).toEqual(['cancel', 'close']);
  });
});

describe('connect.js with Connect.start on a plain page', () => {
  it('links an OAuth connector through the consent popup opened from the framed Hub', async () => {
    const session = createHubSession(sandbox.context.store, {
      origin_owner_id: 'cust_connect_js',
      provider: 'hubspot',
      label: 'Sales',
    });
    await openPage(host.scriptPageUrl({ token: session.token }));

    await page.getByRole('button', { name: 'Connect account' }).click();
    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      hubFrame().getByRole('button', { name: 'Connect', exact: true }).click(),
    ]);
    const popupErrors = watchConsoleErrors(popup);
    await popup.getByRole('button', { name: 'Approve' }).click();

    // The Hub learns the outcome by polling every 2 s.
    await hubFrame().getByText('Connection Successful').waitFor();
    await expect.poll(connectEvents).toHaveLength(1);
    const [success] = await connectEvents();
    expect(success).toMatchObject({ type: 'success', account: { provider: 'hubspot' } });
    expect(await platformAccount(success!.account!.id)).toMatchObject({ status: 'active', label: 'Sales' });
    expect(popupErrors).toEqual([]);
  });

  it('renders inline in styles.inline.containerId and removes the frame when the Hub is closed', async () => {
    const session = createHubSession(sandbox.context.store, { provider: 'ashby' });
    await openPage(host.scriptPageUrl({ token: session.token, inline: '640px' }));

    await page.getByRole('button', { name: 'Connect account' }).click();
    const frame = page.locator('#hub-container iframe[title="StackOne Hub"]');
    await frame.waitFor();
    expect(await dialog().count()).toBe(0);
    await connectAshby('ashby_inline_key_01');

    await hubFrame().getByRole('button', { name: 'Close', exact: true }).click();
    await frame.waitFor({ state: 'detached' });
    const events = await connectEvents();
    expect(events.map((e) => e.type)).toEqual(['success', 'close']);
    expect(events[0]!.account!.provider).toBe('ashby');
  });

  it('shows why in the frame when the session has expired, and the modal still closes', async () => {
    const session = createHubSession(sandbox.context.store, { expires_in: 0 });
    await openPage(host.scriptPageUrl({ token: session.token }), [/status of 410/]);

    await page.getByRole('button', { name: 'Connect account' }).click();
    await hubFrame().getByRole('heading', { name: 'This session has expired' }).waitFor();
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });
    expect((await connectEvents()).map((e) => e.type)).toEqual(['cancel', 'close']);
  });
});
