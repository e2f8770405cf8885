import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../../shared/schemas/users.ts';
import { ensureInitialAdmin } from '../../../server/auth/initial-admin.ts';
import { countUsers } from '../../../server/auth/users.ts';
import { startConsole, type RunningConsole } from '../../../server/start-console.ts';
import {
  startTestConsole,
  TEST_DATABASES,
  type ConsoleClient,
  type SuccessBody,
  type TestConsole,
} from '../../support/console.ts';

const cookieOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');

describe.each(TEST_DATABASES)('first-run setup on $name', ({ kind }) => {
  let t: TestConsole;

  beforeAll(async () => {
    t = await startTestConsole({
      database: kind,
      autoSync: false,
      seedAdmin: false,
      sandbox: { accounts: 1, webhookUrls: [] },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const status = async () => (await t.clientAs('').setup.$get()).json();
  const setUp = (body: unknown) =>
    t.api('/api/setup', { method: 'POST', cookie: '', body: JSON.stringify(body) });

  // The tests run in order: before setup, the setup race, after setup.
  it('says setup is needed while there is no user, and nothing else is open', async () => {
    expect(await status()).toEqual({ needsSetup: true });
    expect((await t.api('/api/accounts', { cookie: '' })).status).toBe(401);
    expect((await t.api('/api/users', { cookie: '' })).status).toBe(401);
  });

  it('refuses bad input with 400 naming each field, and stays open', async () => {
    const res = await setUp({ email: 'not-an-email', name: '  ', password: 'short' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        code: 'bad_request',
        message: expect.any(String),
        fields: { email: expect.any(String), name: expect.any(String), password: expect.any(String) },
      },
    });
    expect((await setUp({})).status).toBe(400);
    expect(await status()).toEqual({ needsSetup: true });
  });

  let adminCookie: string;
  let admin: User;

  it('makes exactly one admin when two first visitors set up at the same moment', async () => {
    const [a, b] = await Promise.all([
      setUp({ email: 'Ada@Switchboard.test', name: 'Ada', password: 'ada-password-1' }),
      setUp({ email: 'bob@switchboard.test', name: 'Bob', password: 'bob-password-1' }),
    ]);
    const results = [a!, b!].sort((x, y) => x.status - y.status);
    expect(results.map((r) => r.status)).toEqual([201, 409]);
    const [won, lost] = results as [Response, Response];
    const setup: SuccessBody<ConsoleClient['setup']['$post']> = await won.json();
    admin = setup.user;
    expect(admin).toMatchObject({ role: 'admin', disabled: false });
    expect(['ada@switchboard.test', 'bob@switchboard.test']).toContain(admin.email);
    expect(await lost.json()).toEqual({
      error: { code: 'conflict', message: expect.stringMatching(/already/i) },
    });
    expect(lost.headers.getSetCookie()).toEqual([]);

    adminCookie = cookieOf(won);
    const users = await (await t.clientAs(adminCookie).users.$get()).json();
    expect(users.items.map((u) => [u.email, u.role])).toEqual([[admin.email, 'admin']]);
  });

  it('signs the new admin in: the cookie it answers works on /api/me', async () => {
    const setCookie = adminCookie.split('; ').find((c) => c.includes('session_token='));
    expect(setCookie).toBeDefined();
    const res = await t.clientAs(adminCookie).me.$get();
    expect(res.status).toBe(200);
    const me = await res.json();
    expect(me.user).toEqual(admin);
    expect(me.permissions).toContain('users:manage');
  });

  it('is done once done: needsSetup false, and another setup is 409 that creates nobody', async () => {
    expect(await status()).toEqual({ needsSetup: false });
    const res = await setUp({ email: 'carol@switchboard.test', name: 'Carol', password: 'carol-password-1' });
    expect(res.status).toBe(409);
    expect(res.headers.getSetCookie()).toEqual([]);
    const users = await (await t.clientAs(adminCookie).users.$get()).json();
    expect(users.items).toHaveLength(1);
  });

  it('lets the admin sign in later with the chosen password, and records the setup in the audit log', async () => {
    const password = admin.email.startsWith('ada') ? 'ada-password-1' : 'bob-password-1';
    const cookie = await t.signIn(admin.email, password);
    const audit: SuccessBody<ConsoleClient['audit']['$get']> = await (
      await t.api('/api/audit?action=user.setup', { cookie })
    ).json();
    expect(audit.items).toEqual([
      expect.objectContaining({
        action: 'user.setup',
        actorId: admin.id,
        actorEmail: admin.email,
        actorRole: 'admin',
        targetType: 'user',
        targetId: admin.id,
        outcome: 'success',
        ip: expect.stringMatching(/127\.0\.0\.1|::1/),
        userAgent: expect.any(String),
      }),
    ]);
    expect(JSON.stringify(audit)).not.toContain(password);
  });
});

describe.each(TEST_DATABASES)('the admin from SWITCHBOARD_ADMIN_* on $name', ({ kind }) => {
  let t: TestConsole;

  beforeAll(async () => {
    t = await startTestConsole({
      database: kind,
      autoSync: false,
      seedAdmin: false,
      sandbox: { accounts: 1, webhookUrls: [] },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is created once when several processes start at the same moment, and none fails to start', async () => {
    const { auth, database, config } = t.console.deps;
    const withAdmin = {
      ...config,
      auth: {
        ...config.auth,
        initialAdmin: { email: 'first@switchboard.test', password: 'first-password-1' },
      },
    };
    // What each process does at start, against one database.
    const created = await Promise.all([
      ensureInitialAdmin(withAdmin, auth, database),
      ensureInitialAdmin(withAdmin, auth, database),
    ]);
    expect(created.sort()).toEqual([false, true]);
    expect(await countUsers(database.db)).toBe(1);
    expect(await ensureInitialAdmin(withAdmin, auth, database)).toBe(false);
    expect((await t.signIn('first@switchboard.test', 'first-password-1')).length).toBeGreaterThan(0);
  });
});

// Only PostgreSQL is shared by several processes (PGlite is embedded in one).
describe.each(TEST_DATABASES.filter((d) => d.kind === 'postgres'))(
  'first-run setup with two console processes on one $name',
  () => {
    let t: TestConsole;
    let second: RunningConsole;

    beforeAll(async () => {
      t = await startTestConsole({
        database: 'postgres',
        autoSync: false,
        seedAdmin: false,
        sandbox: { accounts: 1, webhookUrls: [] },
      });
      second = await startConsole(
        { ...t.console.deps.config, port: 0 },
        { database: t.database, autoSync: false },
      );
    });
    afterAll(async () => {
      await second?.close();
      await t?.close();
    });

    it('makes exactly one admin when each process gets one of two racing setups', async () => {
      const origin = new URL(t.console.deps.config.publicUrl).origin;
      const post = (base: string, name: string) =>
        fetch(`${base}/api/setup`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin },
          body: JSON.stringify({ email: `${name}@switchboard.test`, name, password: `${name}-password-1` }),
        });
      const statuses = await Promise.all([post(t.console.url, 'ada'), post(second.url, 'bob')]).then((rs) =>
        rs.map((r) => r.status).sort(),
      );
      expect(statuses).toEqual([201, 409]);
      expect(await countUsers(t.console.deps.database.db)).toBe(1);
    });
  },
);
