import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SignInLimiter } from '../../../server/auth/sign-in-limiter.ts';
import type { User } from '../../../shared/schemas/users.ts';
import { startTestConsole, TEST_ADMIN, TEST_DATABASES, type TestConsole } from '../../support/console.ts';

interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}

const WINDOW_MS = 15 * 60_000;

describe.each(TEST_DATABASES)('sign-in under attack on $name', ({ kind }) => {
  let t: TestConsole;
  let users = 0;
  /** The limiter's clock: tests move it past a window instead of waiting for one. */
  let now = Date.now();

  beforeAll(async () => {
    t = await startTestConsole({
      database: kind,
      autoSync: false,
      sandbox: { accounts: 1, webhookUrls: [] },
    });
  });
  beforeEach(() => {
    now = Date.now();
    t.console.deps.signInLimiter = new SignInLimiter({ now: () => now });
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
  const createUser = async (password = `password-${users + 1}-long`) => {
    const email = `hardened-${++users}@switchboard.test`;
    const res = await t.api('/api/users', {
      method: 'POST',
      body: JSON.stringify({ email, name: `Hardened ${users}`, password, role: 'viewer' }),
    });
    expect(res.status).toBe(201);
    return { ...((await res.json()) as User), password };
  };
  const failedSignIns = async (email: string) => {
    const res = await t.api(`/api/audit?action=auth.sign_in_failed&pageSize=500`);
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: { outcome: string; summary: { email?: string } }[] };
    return items.filter((row) => row.summary.email === email && row.outcome === 'failure').length;
  };

  describe('the per-account lockout', () => {
    it('checks at most 5 of 25 parallel wrong passwords; the rest are 429 with Retry-After', async () => {
      const user = await createUser();
      const answers = await Promise.all(
        Array.from({ length: 25 }, (_, i) => signIn(user.email, `wrong-password-${i}`)),
      );
      const statuses = answers.map((res) => res.status);
      expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
      expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
      for (const res of answers.filter((r) => r.status === 429)) {
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(((await res.json()) as ErrorBody).error.code).toBe('rate_limited');
      }
      expect(await failedSignIns(user.email)).toBeLessThanOrEqual(5);

      // Locked: the right password is refused too, until the window has passed.
      const locked = await signIn(user.email, user.password);
      expect(locked.status).toBe(429);
      expect(locked.headers.getSetCookie()).toEqual([]);
      now += WINDOW_MS - 1_000;
      expect((await signIn(user.email, user.password)).status).toBe(429);
      now += 1_000;
      expect((await signIn(user.email, user.password)).status).toBe(200);
    });

    it('locks an unknown email the same way, so a lockout tells nothing about who exists', async () => {
      const answers = await Promise.all(
        Array.from({ length: 12 }, () => signIn('nobody-here@switchboard.test', 'wrong-password')),
      );
      const statuses = answers.map((res) => res.status);
      expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(7);
    });
  });

  describe('passwords at and past the length limit', () => {
    it.each([
      ['129 characters', 'p'.repeat(129)],
      ['10,000 characters', 'p'.repeat(10_000)],
      ['129 emoji (258 UTF-16 units)', '🔑'.repeat(129)],
    ])('answers a password of %s with 400 naming the field, for any account', async (_, password) => {
      const user = await createUser();
      for (const email of [user.email, 'nobody-here@switchboard.test']) {
        const res = await signIn(email, password);
        expect(res.status).toBe(400);
        const body = (await res.json()) as ErrorBody;
        expect(body.error.code).toBe('bad_request');
        expect(Object.keys(body.error.fields ?? {})).toEqual(['password']);
      }
    });

    it('does not count a refused over-long password toward the lockout (no password was checked)', async () => {
      const user = await createUser();
      for (let i = 0; i < 8; i++) expect((await signIn(user.email, 'p'.repeat(129 + i))).status).toBe(400);
      expect(await failedSignIns(user.email)).toBe(0);
      expect((await signIn(user.email, user.password)).status).toBe(200);
    });

    it('answers a lone surrogate in the password with a clear 400, never a 500', async () => {
      const user = await createUser();
      const res = await t.api('/api/auth/sign-in/email', {
        method: 'POST',
        cookie: '',
        // JSON.stringify would escape it the same way; written out to show what goes over the wire.
        body: `{"email":"${user.email}","password":"long-enough-\\ud800"}`,
      });
      expect(res.status).toBe(400);
      const body = (await res.json()) as ErrorBody;
      expect(body.error.code).toBe('bad_request');
      expect(Object.keys(body.error.fields ?? {})).toContain('password');
    });

    it.each([
      ['128 characters', 'p'.repeat(128)],
      ['128 emoji (256 UTF-16 units)', '🔑'.repeat(128)],
      ['combining marks, right-to-left text and zero-width joiners', 'e\u0301\u0301 שלום 👩‍👩‍👧 ﬁ\u200dx'],
      ['full-width and compatibility forms', 'ｐａｓｓｗｏｒｄ①②③'],
    ])('signs in with a password of %s, and refuses a wrong one with the usual 401', async (_, password) => {
      const user = await createUser(password);
      expect((await signIn(user.email, password)).status).toBe(200);
      // Whole characters off the end: half an emoji would be refused as bad input before any check.
      const wrong = await signIn(user.email, `${[...password].slice(0, -1).join('')}!`);
      expect(wrong.status).toBe(401);
      expect(await wrong.json()).toEqual({
        error: { code: 'unauthenticated', message: 'Invalid email or password' },
      });
    });

    it('answers an over-long email with 400 before looking anyone up', async () => {
      const res = await signIn(`${'a'.repeat(250)}@switchboard.test`, 'a-password-1');
      expect(res.status).toBe(400);
      expect(Object.keys(((await res.json()) as ErrorBody).error.fields ?? {})).toEqual(['email']);
    });
  });
});

/**
 * A console whose sign-in allows 2 attempts per client a minute, and a wrong sign-in that names a
 * client in X-Forwarded-For. The client address is a property of the connection: PGlite is enough.
 */
function consoleWithEnv(env: Record<string, string>) {
  let t: TestConsole;
  beforeAll(async () => {
    t = await startTestConsole({ autoSync: false, sandbox: { accounts: 1, webhookUrls: [] }, env });
  });
  beforeEach(() => {
    t.console.deps.signInLimiter = new SignInLimiter({
      ipPerWindow: 2,
      ipWindowMs: 60_000,
      failuresPerAccount: 100,
      accountWindowMs: WINDOW_MS,
    });
  });
  afterAll(async () => {
    await t?.close();
  });
  return (forwardedFor: string) =>
    t.api('/api/auth/sign-in/email', {
      method: 'POST',
      cookie: '',
      headers: { 'x-forwarded-for': forwardedFor },
      body: JSON.stringify({ email: TEST_ADMIN.email, password: 'a-wrong-password' }),
    });
}

describe('the client address without TRUST_PROXY', () => {
  const attempt = consoleWithEnv({});

  it('ignores X-Forwarded-For: a client cannot pick its own address', async () => {
    expect((await attempt('203.0.113.1')).status).toBe(401);
    expect((await attempt('203.0.113.2')).status).toBe(401);
    const third = await attempt('203.0.113.3');
    expect(third.status).toBe(429);
    expect(((await third.json()) as ErrorBody).error.message).toMatch(/from this address/);
  });
});

describe('the client address behind a trusted proxy', () => {
  // The test connects over loopback, as a reverse proxy on the same host would.
  const attempt = consoleWithEnv({ TRUST_PROXY: '127.0.0.1, ::1' });

  it('takes the client from X-Forwarded-For, past trusted hops, whatever the client forged to the left', async () => {
    expect((await attempt('203.0.113.1')).status).toBe(401);
    expect((await attempt('203.0.113.1')).status).toBe(401);
    expect((await attempt('203.0.113.1')).status).toBe(429);
    // Another client behind the same proxy has its own budget, even when it forges a hop on the left.
    expect((await attempt('203.0.113.1, 203.0.113.2')).status).toBe(401);
    // A trusted hop on the right is walked past.
    expect((await attempt('203.0.113.2, 127.0.0.1')).status).toBe(401);
    expect((await attempt('203.0.113.2')).status).toBe(429);
  });

  it('counts IPv6 clients by their /64', async () => {
    expect((await attempt('2001:db8:1:2::1')).status).toBe(401);
    expect((await attempt('2001:db8:1:2:ffff:ffff:ffff:ffff')).status).toBe(401);
    expect((await attempt('2001:db8:1:2::abcd')).status).toBe(429);
    expect((await attempt('2001:db8:1:3::1')).status).toBe(401);
  });
});
