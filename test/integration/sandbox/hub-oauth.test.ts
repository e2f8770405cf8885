import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectSession } from '../../../server/sandbox/model.ts';
import type { RunningSandbox } from '../../../server/sandbox/start-sandbox.ts';
import { createHubSession, hubFetch } from '../../support/hub-host-page.ts';
import { startTestSandbox } from '../../support/sandbox.ts';

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox?.close());
afterEach(() => sandbox.context.reset());

const store = () => sandbox.context.store;
const callback = () => `${sandbox.url}/embedded/accounts/callback`;

async function startAttempt(session: ConnectSession) {
  const res = await hubFetch(sandbox.url, session.token, '/hub/connection_attempts', {
    method: 'POST',
    body: JSON.stringify({ token: session.token }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const poll = async (session: ConnectSession, attemptId: string) =>
  (await (await hubFetch(sandbox.url, session.token, `/hub/connection_attempts/${attemptId}`)).json()) as {
    status: string;
    account: { id: string } | null;
    error: { code: string; description: string } | null;
  };

/** Opens the popup URL exactly as the Hub builds it (token and attempt id not encoded). */
function openConsent(integrationId: string, session: ConnectSession, attemptId: string, fields = '') {
  const redirect = encodeURIComponent(callback());
  return fetch(
    `${sandbox.url}/connect/oauth2/${integrationId}?redirect_uri=${redirect}&token=${session.token}&connection_attempt_id=${attemptId}${fields}`,
  );
}

const decode = (s: string) =>
  s.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))).replace(/&amp;/g, '&');

/** Submits the consent form the way a browser would after a click on Approve or Deny. */
async function decide(page: string, button: 'Approve' | 'Deny') {
  const action = decode(/<form method="post" action="([^"]+)"/.exec(page)![1]!);
  const form = new URLSearchParams();
  for (const [, name, value] of page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g))
    form.append(decode(name!), decode(value!));
  const decision = new RegExp(`name="decision" value="(\\w+)">${button}</button>`).exec(page)![1]!;
  form.append('decision', decision);
  return fetch(new URL(action, sandbox.url), { method: 'POST', body: form, redirect: 'manual' });
}

describe('Hub OAuth connection attempts and consent popup', () => {
  it('links the account on Approve and reports it to the polling Hub', async () => {
    const session = createHubSession(store(), {
      origin_owner_id: 'cust_oauth',
      label: 'HR system',
      provider: 'workday',
    });
    const attemptId = await startAttempt(session);
    expect(await poll(session, attemptId)).toEqual({ status: 'pending', account: null, error: null });

    const consent = await openConsent('int_workday_oauth', session, attemptId, '&tenant=acme_prod');
    expect(consent.status).toBe(200);
    expect(consent.headers.get('cross-origin-opener-policy')).toBeNull();
    const page = await consent.text();
    expect(page).toContain('<meta charset="utf-8"');
    expect(page).toMatch(/>Approve<\/button>/);
    expect(page).toMatch(/>Deny<\/button>/);
    expect(page).toContain('acme_prod');

    const approved = await decide(page, 'Approve');
    expect(approved.status).toBe(302);
    expect(approved.headers.get('location')).toBe(`${callback()}?status=success`);

    const result = await poll(session, attemptId);
    expect(result.status).toBe('authenticated');
    expect(result.error).toBeNull();
    const account = store().getAccount(result.account!.id)!;
    expect(account).toMatchObject({
      provider: 'workday',
      status: 'active',
      label: 'HR system',
      origin_owner_id: 'cust_oauth',
      setup_information: { tenant: 'acme_prod' },
    });
    expect(account.secrets.access_token).toMatch(/^sbx_at_/);

    const landing = await fetch(approved.headers.get('location')!);
    expect(await landing.text()).toContain('Connected, you can close this window.');
  });

  it('records access_denied on Deny and links nothing', async () => {
    const session = createHubSession(store(), { origin_owner_id: 'cust_denied' });
    const attemptId = await startAttempt(session);
    const page = await (await openConsent('int_hubspot_oauth', session, attemptId)).text();
    const denied = await decide(page, 'Deny');
    expect(denied.status).toBe(302);
    expect(new URL(denied.headers.get('location')!).searchParams.get('status')).toBe('error');
    expect(await poll(session, attemptId)).toEqual({
      status: 'error',
      account: null,
      error: { code: 'access_denied', description: 'The user denied access' },
    });
    expect(
      store()
        .listAccounts()
        .filter((a) => a.origin_owner_id === 'cust_denied'),
    ).toEqual([]);
  });

  it('re-links the edited account when an edit session approves', async () => {
    const account = store()
      .listAccounts()
      .find((a) => a.provider === 'hubspot')!;
    store().updateAccount(account.id, { status: 'error' });
    const session = createHubSession(store(), { account_id: account.id });
    const attemptId = await startAttempt(session);
    await decide(await (await openConsent('int_hubspot_oauth', session, attemptId)).text(), 'Approve');
    expect((await poll(session, attemptId)).account).toEqual({ id: account.id });
    expect(store().getAccount(account.id)!.status).toBe('active');
  });

  it('cancels a pending attempt on DELETE, after which the popup refuses it', async () => {
    const session = createHubSession(store());
    const attemptId = await startAttempt(session);
    const res = await hubFetch(sandbox.url, session.token, `/hub/connection_attempts/${attemptId}`, {
      method: 'DELETE',
    });
    expect(res.status).toBe(204);
    expect((await poll(session, attemptId)).status).toBe('cancelled');
    const consent = await openConsent('int_hubspot_oauth', session, attemptId);
    expect(consent.status).toBe(409);
  });

  it('keeps attempts private to the session that started them', async () => {
    const owner = createHubSession(store());
    const stranger = createHubSession(store());
    const attemptId = await startAttempt(owner);
    const res = await hubFetch(sandbox.url, stranger.token, `/hub/connection_attempts/${attemptId}`);
    expect(res.status).toBe(404);
    expect((await openConsent('int_hubspot_oauth', stranger, attemptId)).status).toBe(404);
  });

  it('shows an HTML error page for an expired session or a connector that is not OAuth', async () => {
    const session = createHubSession(store());
    const attemptId = await startAttempt(session);
    const notOauth = await openConsent('int_ashby_apikey', session, attemptId);
    expect(notOauth.status).toBe(404);
    expect(notOauth.headers.get('content-type')).toMatch(/text\/html/);

    const expired = createHubSession(store(), { expires_in: 0 });
    const gone = await openConsent('int_hubspot_oauth', expired, attemptId);
    expect(gone.status).toBe(410);
    expect(await gone.text()).toContain('This link has expired');
  });
});
