import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/schemas/audit.ts';
import type { User } from '../../../shared/schemas/users.ts';
import { startTestConsole, TEST_ADMIN, type TestConsole } from '../../support/console.ts';
import { IDP_CLIENT, startTestIdp, type TestIdp } from '../../support/oidc-provider.ts';
import { signInWithSso } from '../../support/sso-flow.ts';

const ROLE_MAP = 'sb-admins:admin,sb-managers:manager,sb-support:support';

describe('signing in with the company identity provider', () => {
  let idp: TestIdp;
  let t: TestConsole;

  beforeAll(async () => {
    idp = await startTestIdp([
      { id: 'ana', email: 'ana@example.com', name: 'Ana', groups: ['sb-support'] },
      { id: 'bo', email: 'bo@example.com', name: 'Bo', groups: ['sb-support'] },
      { id: 'cy', email: 'cy@example.com', name: 'Cy', groups: ['sb-managers', 'sb-support'] },
      { id: 'dee', email: 'dee@example.com', name: 'Dee', groups: ['sb-support'] },
      { id: 'eve', email: 'eve@elsewhere.test', name: 'Eve', groups: ['sb-admins'] },
      { id: 'nobody', email: 'nobody@example.com', name: 'No Body', groups: ['marketing'] },
      { id: 'pat', email: 'pat@example.com', name: 'Pat', groups: ['sb-support'] },
      { id: 'tam', email: 'tam@example.com', name: 'Tam', groups: ['sb-support'] },
    ]);
    t = await startTestConsole({
      autoSync: false,
      sandbox: { accounts: 2, webhookUrls: [] },
      env: {
        OIDC_ISSUER: idp.issuer,
        OIDC_CLIENT_ID: IDP_CLIENT.id,
        OIDC_CLIENT_SECRET: IDP_CLIENT.secret,
        OIDC_ROLE_MAP: ROLE_MAP,
        OIDC_ALLOWED_DOMAINS: 'example.com',
      },
    });
    idp.register(t.console.deps.config.oidc!.callbackUrl);
  });
  afterAll(async () => {
    await t?.close();
    await idp?.close();
  });

  const me = async (cookie: string) => {
    const res = await t.api('/api/me', { cookie });
    return { status: res.status, user: res.ok ? ((await res.json()) as { user: User }).user : null };
  };
  const userByEmail = async (email: string) => {
    const res = await t.api('/api/users');
    return ((await res.json()) as { items: User[] }).items.find((u) => u.email === email);
  };
  const audit = async (action: string) => {
    const res = await t.api(`/api/audit?action=${action}&pageSize=100`);
    return ((await res.json()) as { items: AuditEntry[] }).items;
  };

  it('creates the user at the first sign-in with the highest role its groups map to', async () => {
    const result = await signInWithSso(t, 'cy');
    expect(result.error).toBeNull();
    expect(result.location).toBe(`${t.console.deps.config.publicUrl}/accounts`);
    expect((await me(result.cookie)).user).toMatchObject({
      email: 'cy@example.com',
      role: 'manager',
      signInMethod: 'sso',
      roleSource: 'sso',
    });
    const created = (await audit('user.created')).find((e) => e.summary.email === 'cy@example.com');
    expect(created?.summary).toMatchObject({
      method: 'sso',
      role: 'manager',
      groups: ['sb-managers', 'sb-support'],
    });
    expect((await audit('auth.sign_in')).some((e) => e.actorEmail === 'cy@example.com')).toBe(true);
  });

  it('applies a group change at the next sign-in, and ends the sessions of a user left with no role', async () => {
    const first = await signInWithSso(t, 'ana');
    expect((await me(first.cookie)).user?.role).toBe('support');

    idp.setGroups('ana', ['sb-admins']);
    const second = await signInWithSso(t, 'ana');
    expect((await me(second.cookie)).user?.role).toBe('admin');
    // The first session has the new role too: the role is the user's, not the session's.
    expect((await me(first.cookie)).user?.role).toBe('admin');
    const applied = (await audit('user.sso_role_applied')).find((e) => e.summary.email === 'ana@example.com');
    expect(applied?.summary).toMatchObject({ previousRole: 'support', role: 'admin' });

    idp.setGroups('ana', ['marketing']);
    const third = await signInWithSso(t, 'ana');
    expect(third.error).toBe('no_role');
    expect(third.cookie).toBe('');
    expect((await me(first.cookie)).status).toBe(401);
    expect((await me(second.cookie)).status).toBe(401);
    expect(await userByEmail('ana@example.com')).toMatchObject({ disabled: true });
    expect((await audit('user.sso_disabled')).some((e) => e.summary.email === 'ana@example.com')).toBe(true);

    // Disabled stays disabled, whatever the IdP says, until an admin enables the user.
    idp.setGroups('ana', ['sb-support']);
    expect((await signInWithSso(t, 'ana')).error).toBe('user_disabled');
  });

  it('refuses a user whose groups map to no role, creating nobody', async () => {
    const result = await signInWithSso(t, 'nobody');
    expect(result.error).toBe('no_role');
    expect(result.location).toBe(`${t.console.deps.config.publicUrl}/sso-error?error=no_role`);
    expect(result.cookie).toBe('');
    expect(await userByEmail('nobody@example.com')).toBeUndefined();
    const refused = (await audit('auth.sign_in_failed')).find(
      (e) => e.summary.email === 'nobody@example.com',
    );
    expect(refused).toMatchObject({ outcome: 'denied', summary: { method: 'sso', reason: 'no_role' } });
  });

  it('refuses an email outside OIDC_ALLOWED_DOMAINS', async () => {
    const result = await signInWithSso(t, 'eve');
    expect(result.error).toBe('email_domain_not_allowed');
    expect(await userByEmail('eve@elsewhere.test')).toBeUndefined();
  });

  it('keeps a role an admin pinned over the claim, and takes the claim again once unpinned', async () => {
    await signInWithSso(t, 'pat');
    const pat = (await userByEmail('pat@example.com'))!;
    const pin = await t.api(`/api/users/${pat.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ role: 'viewer' }),
    });
    expect(await pin.json()).toMatchObject({ role: 'viewer', roleSource: 'pinned', signInMethod: 'sso' });
    const pinned = await signInWithSso(t, 'pat');
    expect((await me(pinned.cookie)).user).toMatchObject({ role: 'viewer', roleSource: 'pinned' });

    const unpin = await t.api(`/api/users/${pat.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ rolePinned: false }),
    });
    expect(await unpin.json()).toMatchObject({ roleSource: 'sso' });
    const again = await signInWithSso(t, 'pat');
    expect((await me(again.cookie)).user).toMatchObject({ role: 'support', roleSource: 'sso' });
  });

  it('refuses to set a password for an SSO user', async () => {
    await signInWithSso(t, 'tam');
    const tam = (await userByEmail('tam@example.com'))!;
    const res = await t.api(`/api/users/${tam.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ password: 'a-new-password-1' }),
    });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { fields: { password: 'SSO users have no password' } } });
  });

  describe('refuses an answer that does not belong to this sign-in', () => {
    it('a tampered state', async () => {
      const result = await signInWithSso(t, 'bo', {
        callbackUrl: (url) => url.searchParams.set('state', `${url.searchParams.get('state')}x`),
      });
      expect(result.error).toMatch(/state/);
      expect(result.cookie).toBe('');
    });

    it('an ID token with another nonce', async () => {
      idp.tamperNextIdToken((claims) => ({ ...claims, nonce: 'not-the-nonce-we-sent' }));
      const result = await signInWithSso(t, 'bo');
      expect(result.error).toBe('unable_to_get_user_info');
      expect(result.cookie).toBe('');
    });

    it('an ID token issued to another client', async () => {
      idp.tamperNextIdToken((claims) => ({ ...claims, aud: 'another-client' }));
      const result = await signInWithSso(t, 'bo');
      expect(result.error).toBe('unable_to_get_user_info');
      expect(result.cookie).toBe('');
    });

    it('an expired ID token', async () => {
      const hourAgo = Math.floor(Date.now() / 1000) - 3600;
      idp.tamperNextIdToken((claims) => ({ ...claims, iat: hourAgo - 600, exp: hourAgo }));
      const result = await signInWithSso(t, 'bo');
      expect(result.error).toBe('unable_to_get_user_info');
      expect(result.cookie).toBe('');
    });

    it('an ID token signed with a key the IdP never published', async () => {
      idp.tamperNextIdToken((claims) => claims, { withForeignKey: true });
      const result = await signInWithSso(t, 'bo');
      expect(result.error).toBe('unable_to_get_user_info');
      expect(result.cookie).toBe('');
    });

    it('and audits each refusal, then signs the same person in with an untouched answer', async () => {
      const failures = (await audit('auth.sign_in_failed')).filter(
        (e) => e.summary.method === 'sso' && e.outcome === 'failure',
      );
      expect(failures.length).toBeGreaterThanOrEqual(5);
      expect(await userByEmail('bo@example.com')).toBeUndefined();
      const result = await signInWithSso(t, 'bo');
      expect((await me(result.cookie)).user?.role).toBe('support');
    });
  });

  it('shows the sign-in methods: password and SSO', async () => {
    const res = await t.api('/api/auth/methods', { cookie: '' });
    expect(await res.json()).toEqual({ password: true, breakGlass: false, sso: true });
  });

  it('still signs in with a password beside SSO', async () => {
    expect(await t.signIn(TEST_ADMIN.email, TEST_ADMIN.password)).toContain('session_token=');
  });

  it('keeps the role matrix for SSO users', async () => {
    const dee = await signInWithSso(t, 'dee');
    const get = (path: string) => t.api(path, { cookie: dee.cookie });
    expect((await get('/api/accounts')).status).toBe(200);
    expect((await get('/api/users')).status).toBe(403);
    expect((await get('/api/audit')).status).toBe(403);
    const manager = await signInWithSso(t, 'cy');
    expect((await t.api('/api/users', { cookie: manager.cookie })).status).toBe(403);
    idp.setGroups('dee', ['sb-admins']);
    const admin = await signInWithSso(t, 'dee');
    expect((await t.api('/api/users', { cookie: admin.cookie })).status).toBe(200);
    expect((await t.api('/api/audit', { cookie: admin.cookie })).status).toBe(200);
  });
});
