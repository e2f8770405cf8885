import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SignInLimiter } from '../../../server/auth/sign-in-limiter.ts';
import type { User } from '../../../shared/schemas/users.ts';
import { startTestConsole, TEST_ADMIN, TEST_DATABASES, type TestConsole } from '../../support/console.ts';
import { platformFetch } from '../../support/sandbox.ts';

const cookieOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');

describe.each(TEST_DATABASES)('signing in and out on $name', ({ kind }) => {
  let t: TestConsole;
  let accountIds: string[];
  let users = 0;

  beforeAll(async () => {
    t = await startTestConsole({
      database: kind,
      autoSync: false,
      sandbox: { accounts: 6, webhookUrls: [] },
    });
    await t.console.deps.sync.runFull();
    const wire = (await (await platformFetch(t.sandbox, '/accounts')).json()) as { id: string }[];
    accountIds = wire.map((a) => a.id);
  });
  // Every test signs in a few times from the same address: a fresh limiter keeps them independent.
  beforeEach(() => {
    t.console.deps.signInLimiter = new SignInLimiter();
  });
  afterAll(async () => {
    await t?.close();
  });

  const signIn = (email: string, password: string, headers: Record<string, string> = {}) =>
    t.api('/api/auth/sign-in/email', {
      method: 'POST',
      cookie: '',
      headers,
      body: JSON.stringify({ email, password }),
    });
  const createUser = async (role: User['role']) => {
    const email = `person-${++users}@switchboard.test`;
    const password = `password-${users}-long`;
    const res = await t.client.users.$post({ json: { email, name: `Person ${users}`, password, role } });
    expect(res.status).toBe(201);
    return { ...(await res.json()), password };
  };
  const patchUser = async (id: string, patch: Record<string, unknown>) => {
    const res = await t.api(`/api/users/${id}`, { method: 'PATCH', body: JSON.stringify(patch) });
    expect(res.status).toBe(200);
  };
  const me = (cookie: string) => t.api('/api/me', { cookie });

  it('signs in with email and password: the user and an HttpOnly cookie, but no session token in the body', async () => {
    const res = await signIn(TEST_ADMIN.email, TEST_ADMIN.password);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({
      user: {
        id: expect.any(String),
        email: TEST_ADMIN.email,
        name: expect.any(String),
        role: 'admin',
        disabled: false,
        createdAt: expect.any(String),
        signInMethod: 'email',
        roleSource: 'local',
      },
    });
    const [setCookie] = res.headers.getSetCookie().filter((c) => c.includes('session_token='));
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    const token = /session_token=([^.;]+)/.exec(setCookie!)![1]!;
    expect(token.length).toBeGreaterThan(10);
    expect(text).not.toContain(token);
    expect(text.toLowerCase()).not.toContain('token');
    expect((await me(cookieOf(res))).status).toBe(200);
  });

  it('accepts the email in any case', async () => {
    const res = await signIn(TEST_ADMIN.email.toUpperCase(), TEST_ADMIN.password);
    expect(res.status).toBe(200);
  });

  it('signs in from the console page without Origin when Sec-Fetch-Site says same-origin', async () => {
    const res = await fetch(`${t.console.url}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify(TEST_ADMIN),
    });
    expect(res.status).toBe(200);
    expect((await me(cookieOf(res))).status).toBe(200);
  });

  it("keeps better-auth's other endpoints closed: no sign-up, no self-service profile or password change", async () => {
    const user = await createUser('viewer');
    const cookie = await t.signIn(user.email, user.password);
    const body = JSON.stringify({
      email: 'self@switchboard.test',
      name: 'Self',
      password: 'self-password-1',
      newPassword: 'self-password-2',
      currentPassword: user.password,
      role: 'admin',
    });
    for (const path of [
      '/api/auth/sign-up/email',
      '/api/auth/update-user',
      '/api/auth/change-password',
      '/api/auth/change-email',
      '/api/auth/revoke-sessions',
      '/api/auth/list-sessions',
    ]) {
      const res = await t.api(path, { method: 'POST', cookie, body });
      expect(res.status, path).toBe(404);
    }
    const after = await (await t.clientAs(cookie).me.$get()).json();
    expect(after.user).toMatchObject({ email: user.email, role: 'viewer' });
    expect((await signIn('self@switchboard.test', 'self-password-1')).status).toBe(401);
  });

  it('refuses a wrong password with 401, a clear message and no cookie', async () => {
    const res = await signIn(TEST_ADMIN.email, 'not-the-password');
    expect(res.status).toBe(401);
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(await res.json()).toEqual({
      error: { code: 'unauthenticated', message: 'Invalid email or password' },
    });
  });

  it('answers an unknown email exactly like a wrong password', async () => {
    const res = await signIn('nobody@switchboard.test', 'not-the-password');
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: { code: 'unauthenticated', message: 'Invalid email or password' },
    });
  });

  it('refuses a sign-in without email or password with 400 naming the fields', async () => {
    const res = await t.api('/api/auth/sign-in/email', {
      method: 'POST',
      cookie: '',
      body: JSON.stringify({ email: 'not-an-email' }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        code: 'bad_request',
        message: expect.any(String),
        fields: { email: expect.any(String), password: expect.any(String) },
      },
    });
  });

  it('refuses a disabled user with 403 and says why', async () => {
    const user = await createUser('viewer');
    await patchUser(user.id, { disabled: true });
    const res = await signIn(user.email, user.password);
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(await res.json()).toEqual({
      error: { code: 'forbidden', message: expect.stringMatching(/disabled/i) },
    });
  });

  it('does not tell a disabled user apart from a wrong password unless the password is right', async () => {
    const user = await createUser('viewer');
    await patchUser(user.id, { disabled: true });
    const res = await signIn(user.email, 'a-guessed-password');
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: { code: 'unauthenticated', message: 'Invalid email or password' },
    });
  });

  it('lets a re-enabled user sign in again', async () => {
    const user = await createUser('viewer');
    await patchUser(user.id, { disabled: true });
    await patchUser(user.id, { disabled: false });
    expect((await signIn(user.email, user.password)).status).toBe(200);
  });

  it('locks an account after 5 failed sign-ins: 429 with Retry-After, even with the right password', async () => {
    const user = await createUser('viewer');
    for (let i = 0; i < 5; i++) expect((await signIn(user.email, `wrong-password-${i}`)).status).toBe(401);
    const locked = await signIn(user.email, user.password);
    expect(locked.status).toBe(429);
    expect(locked.headers.getSetCookie()).toEqual([]);
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(await locked.json()).toEqual({
      error: {
        code: 'rate_limited',
        message: `Too many failed sign-ins for this account. Try again in ${retryAfter} s.`,
      },
    });
    // Other accounts are not locked out with it.
    expect((await signIn(TEST_ADMIN.email, TEST_ADMIN.password)).status).toBe(200);
  });

  it('forgets earlier failures after a successful sign-in', async () => {
    const user = await createUser('viewer');
    // 3 + 3 failures: more than 5 in all, but never 5 since the last success.
    for (let i = 0; i < 3; i++) await signIn(user.email, 'wrong-password');
    expect((await signIn(user.email, user.password)).status).toBe(200);
    for (let i = 0; i < 3; i++) await signIn(user.email, 'wrong-password');
    expect((await signIn(user.email, user.password)).status).toBe(200);
  });

  it('limits sign-in attempts per address, whatever the account', async () => {
    t.console.deps.signInLimiter = new SignInLimiter({
      ipPerWindow: 3,
      ipWindowMs: 60_000,
      failuresPerAccount: 5,
      accountWindowMs: 900_000,
    });
    expect((await signIn('a@switchboard.test', 'wrong-password')).status).toBe(401);
    expect((await signIn('b@switchboard.test', 'wrong-password')).status).toBe(401);
    expect((await signIn(TEST_ADMIN.email, TEST_ADMIN.password)).status).toBe(200);
    const res = await signIn(TEST_ADMIN.email, TEST_ADMIN.password);
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(50);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await res.json()).toEqual({
      error: {
        code: 'rate_limited',
        message: `Too many sign-in attempts from this address. Try again in ${retryAfter} s.`,
      },
    });
  });

  it('applies a changed role on the next request of an open session', async () => {
    const user = await createUser('viewer');
    const cookie = await t.signIn(user.email, user.password);
    const relabel = () =>
      t.api(`/api/accounts/${accountIds[0]}`, {
        method: 'PATCH',
        cookie,
        body: JSON.stringify({ label: 'Relabelled by support' }),
      });
    expect((await relabel()).status).toBe(403);
    await patchUser(user.id, { role: 'support' });
    expect((await relabel()).status).toBe(200);
    await patchUser(user.id, { role: 'viewer' });
    expect((await relabel()).status).toBe(403);
  });

  it('ends every session of a user as soon as the user is disabled', async () => {
    const user = await createUser('support');
    const first = await t.signIn(user.email, user.password);
    const second = await t.signIn(user.email, user.password);
    expect((await me(first)).status).toBe(200);
    await patchUser(user.id, { disabled: true });
    for (const cookie of [first, second]) {
      const res = await me(cookie);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({
        error: { code: 'unauthenticated', message: 'Sign in to continue' },
      });
    }
    // Enabling the user again does not bring the old sessions back.
    await patchUser(user.id, { disabled: false });
    expect((await me(first)).status).toBe(401);
  });

  it('ends the sessions of a user whose password an admin changed, and the new password works', async () => {
    const user = await createUser('viewer');
    const cookie = await t.signIn(user.email, user.password);
    await patchUser(user.id, { password: 'a-brand-new-password' });
    expect((await me(cookie)).status).toBe(401);
    expect((await signIn(user.email, user.password)).status).toBe(401);
    expect((await signIn(user.email, 'a-brand-new-password')).status).toBe(200);
  });

  it('signs out: the cookie is cleared and the old session no longer works', async () => {
    const user = await createUser('viewer');
    const cookie = await t.signIn(user.email, user.password);
    const other = await t.signIn(user.email, user.password);
    const res = await t.api('/api/auth/sign-out', { method: 'POST', cookie });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ signedOut: true });
    const cleared = res.headers.getSetCookie().find((c) => c.includes('session_token='));
    expect(cleared).toMatch(/session_token=;.*Max-Age=0/i);
    expect((await me(cookie)).status).toBe(401);
    // Only that session ends: the same user signed in elsewhere stays signed in.
    expect((await me(other)).status).toBe(200);
  });

  it('answers a sign-out without a session with 200 too', async () => {
    const res = await t.api('/api/auth/sign-out', { method: 'POST', cookie: '' });
    expect(res.status).toBe(200);
  });

  it('never hands the session token to scripts, not even from get-session', async () => {
    const res = await signIn(TEST_ADMIN.email, TEST_ADMIN.password);
    const cookie = cookieOf(res);
    const token = /session_token=([^.;]+)/.exec(cookie)![1]!;
    const session = await t.api('/api/auth/get-session', { cookie });
    expect(session.status).toBe(200);
    expect(await session.text()).not.toContain(token);
  });

  it('refuses a made-up or tampered session cookie with 401', async () => {
    const valid = cookieOf(await signIn(TEST_ADMIN.email, TEST_ADMIN.password));
    const tampered = valid.replace(/session_token=([^.]+)\./, 'session_token=$1x.');
    for (const cookie of ['better-auth.session_token=made-up.value', tampered]) {
      expect((await me(cookie)).status).toBe(401);
      expect((await t.api('/api/accounts', { cookie })).status).toBe(401);
    }
  });
});

// Expiry is checked when the session is read, the same on every database.
describe('session expiry', () => {
  let t: TestConsole;

  beforeAll(async () => {
    t = await startTestConsole({
      autoSync: false,
      sandbox: { accounts: 1, webhookUrls: [] },
      // SESSION_TTL_HOURS refuses less than 36 s; a test does not want to wait that long.
      adjustConfig: (config) => ({ ...config, auth: { ...config.auth, sessionTtlSeconds: 2 } }),
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('ends a session once its lifetime has passed', async () => {
    const cookie = await t.signIn(TEST_ADMIN.email, TEST_ADMIN.password);
    expect((await t.api('/api/me', { cookie })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 2500));
    const res = await t.api('/api/me', { cookie });
    expect(res.status).toBe(401);
    expect((await t.api('/api/accounts', { cookie })).status).toBe(401);
  });
});
