import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestConsole, TEST_ADMIN, type TestConsole } from '../../support/console.ts';
import { IDP_CLIENT, startTestIdp, type TestIdp } from '../../support/oidc-provider.ts';
import { signInWithSso } from '../../support/sso-flow.ts';

describe('PASSWORD_SIGN_IN=off, with the identity provider down at start', () => {
  let idp: TestIdp;
  let t: TestConsole;

  beforeAll(async () => {
    idp = await startTestIdp([{ id: 'ana', email: 'ana@example.com', name: 'Ana', groups: ['sb-admins'] }]);
    // Down before the console starts: its discovery is refused.
    await idp.close();
    t = await startTestConsole({
      autoSync: false,
      sandbox: { accounts: 2, webhookUrls: [] },
      env: {
        PASSWORD_SIGN_IN: 'off',
        OIDC_ISSUER: idp.issuer,
        OIDC_CLIENT_ID: IDP_CLIENT.id,
        OIDC_CLIENT_SECRET: IDP_CLIENT.secret,
        OIDC_ROLE_MAP: 'sb-admins:admin',
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await idp?.close().catch(() => {});
  });

  it('starts, and names the problem when SSO is started', async () => {
    expect((await t.api('/api/health', { cookie: '' })).status).toBeLessThan(500);
    const start = await t.api('/api/auth/sso', { method: 'POST', cookie: '', body: '{}' });
    expect(start.status).toBe(503);
    const body = (await start.json()) as { error: { message: string } };
    expect(body.error.message).toContain(`The identity provider at ${idp.issuer} could not be reached`);
    const status = await t.api('/api/auth/sso/status', { cookie: '' });
    expect(((await status.json()) as { problem: string }).problem).toContain('could not be reached');
  });

  it('offers only SSO and the break-glass admin', async () => {
    const res = await t.api('/api/auth/methods', { cookie: '' });
    expect(await res.json()).toEqual({ password: false, breakGlass: true, sso: true });
  });

  it('refuses password sign-in for everyone but the break-glass admin', async () => {
    // The admin creates a password user while signed in as the break-glass admin.
    const created = await t.api('/api/users', {
      method: 'POST',
      body: JSON.stringify({
        email: 'local@example.com',
        name: 'Local',
        password: 'local-password-1',
        role: 'viewer',
      }),
    });
    expect(created.status).toBe(201);
    const refused = await t.api('/api/auth/sign-in/email', {
      method: 'POST',
      cookie: '',
      body: JSON.stringify({ email: 'local@example.com', password: 'local-password-1' }),
    });
    expect(refused.status).toBe(403);
    expect(refused.headers.getSetCookie().some((c) => c.includes('session_token='))).toBe(false);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
      /Password sign-in is turned off/,
    );
    expect(await t.signIn(TEST_ADMIN.email, TEST_ADMIN.password)).toContain('session_token=');
  });

  it('has no first-run setup: the first admin signs in with SSO', async () => {
    expect(await (await t.api('/api/setup', { cookie: '' })).json()).toEqual({ needsSetup: false });
  });

  it('signs in with SSO once the IdP is back, without a restart', async () => {
    await idp.resume();
    idp.register(t.console.deps.config.oidc!.callbackUrl);
    const result = await signInWithSso(t, 'ana');
    expect(result.error).toBeNull();
    const me = await t.api('/api/me', { cookie: result.cookie });
    expect(await me.json()).toMatchObject({ user: { email: 'ana@example.com', role: 'admin' } });
  });
});
