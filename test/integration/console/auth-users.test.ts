import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listUsers, updateUser } from '../../../server/auth/users.ts';
import type { ApiErrorBody } from '../../../shared/schemas/errors.ts';
import type { User } from '../../../shared/schemas/users.ts';
import {
  startTestConsole,
  TEST_ADMIN,
  TEST_DATABASES,
  type ConsoleClient,
  type SuccessBody,
  type TestConsole,
} from '../../support/console.ts';

describe.each(TEST_DATABASES)('managing users on $name', ({ kind }) => {
  let t: TestConsole;
  let seededAdmin: User;
  let n = 0;

  beforeAll(async () => {
    t = await startTestConsole({
      database: kind,
      autoSync: false,
      sandbox: { accounts: 1, webhookUrls: [] },
    });
    seededAdmin = (await (await t.client.me.$get()).json()).user;
  });
  afterAll(async () => {
    await t?.close();
  });

  const create = (body: Record<string, unknown>) =>
    t.api('/api/users', { method: 'POST', body: JSON.stringify(body) });
  const newUser = async (role: User['role']) => {
    const email = `user-${++n}@switchboard.test`;
    const res = await t.client.users.$post({
      json: { email, name: `User ${n}`, password: 'user-password-1', role },
    });
    expect(res.status).toBe(201);
    return { user: await res.json(), password: 'user-password-1' };
  };
  const patch = (id: string, body: Record<string, unknown>, cookie?: string) =>
    t.api(`/api/users/${id}`, { method: 'PATCH', body: JSON.stringify(body), cookie });
  const list = async () => (await (await t.client.users.$get()).json()).items;

  describe('create and list', () => {
    it('creates a user with the given role and answers it without any password', async () => {
      const res = await create({
        email: 'Grace@Switchboard.test',
        name: ' Grace ',
        password: 'grace-password-1',
        role: 'manager',
      });
      expect(res.status).toBe(201);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({
        id: expect.any(String),
        email: 'grace@switchboard.test',
        name: 'Grace',
        role: 'manager',
        disabled: false,
        createdAt: expect.any(String),
        signInMethod: 'email',
        roleSource: 'local',
      });
      expect(text).not.toContain('grace-password-1');
      expect((await t.signIn('grace@switchboard.test', 'grace-password-1')).length).toBeGreaterThan(0);
    });

    it('lists the users by email, with nothing secret in the list', async () => {
      const res = await t.api('/api/users');
      const text = await res.text();
      const { items }: SuccessBody<ConsoleClient['users']['$get']> = JSON.parse(text);
      expect(items.map((u) => u.email)).toEqual([...items.map((u) => u.email)].sort());
      expect(items.map((u) => u.email)).toContain(TEST_ADMIN.email);
      for (const user of items) expect(Object.keys(user).sort()).toEqual(Object.keys(seededAdmin).sort());
      expect(text).not.toMatch(/password|hash|scrypt|token/i);
    });

    it('refuses an email that is taken with 409 naming the field', async () => {
      const res = await create({
        email: TEST_ADMIN.email.toUpperCase(),
        name: 'Twin',
        password: 'twin-password-1',
        role: 'viewer',
      });
      expect(res.status).toBe(409);
      expect(await res.json()).toEqual({
        error: {
          code: 'conflict',
          message: expect.stringContaining(TEST_ADMIN.email),
          fields: { email: expect.any(String) },
        },
      });
    });

    it('creates one user and refuses the other when the same email is added twice at once', async () => {
      const body = {
        email: 'race@switchboard.test',
        name: 'Race',
        password: 'race-password-1',
        role: 'viewer',
      };
      const statuses = (await Promise.all([create(body), create(body)])).map((r) => r.status).sort();
      expect(statuses).toEqual([201, 409]);
      expect((await list()).filter((u) => u.email === 'race@switchboard.test')).toHaveLength(1);
    });

    it('refuses bad input with 400 naming each field', async () => {
      const res = await create({ email: 'nope', name: '', password: 'short', role: 'owner' });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        error: {
          code: 'bad_request',
          message: expect.any(String),
          fields: {
            email: expect.any(String),
            name: expect.any(String),
            password: expect.any(String),
            role: expect.any(String),
          },
        },
      });
    });

    it('refuses an empty change with 400 and an unknown user with 404', async () => {
      const { user } = await newUser('viewer');
      const empty = await patch(user.id, {});
      expect(empty.status).toBe(400);
      const body: ApiErrorBody = await empty.json();
      expect(body.error.fields).toBeDefined();
      const unknown = await patch('no-such-user', { role: 'support' });
      expect(unknown.status).toBe(404);
      expect(await unknown.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    });
  });

  // Runs after the other block: from here on the seeded admin is the only active admin unless a test makes one.
  describe('the last admin', () => {
    it('cannot demote themself while they are the only admin: 409 naming the role', async () => {
      const res = await patch(seededAdmin.id, { role: 'manager' });
      expect(res.status).toBe(409);
      expect(await res.json()).toEqual({
        error: {
          code: 'conflict',
          message: expect.stringMatching(/last active admin/i),
          fields: { role: expect.any(String) },
        },
      });
      expect((await (await t.client.me.$get()).json()).user.role).toBe('admin');
    });

    it('cannot disable themself while they are the only admin: 409 naming disabled', async () => {
      const res = await patch(seededAdmin.id, { disabled: true });
      expect(res.status).toBe(409);
      expect(await res.json()).toEqual({
        error: {
          code: 'conflict',
          message: expect.stringMatching(/last active admin/i),
          fields: { disabled: expect.any(String) },
        },
      });
      expect((await t.api('/api/me')).status).toBe(200);
    });

    it('can still change their own password, which keeps them admin', async () => {
      const other = await newUser('admin');
      const cookie = await t.signIn(other.user.email, other.password);
      const res = await t.clientAs(cookie).users[':id'].$patch({
        param: { id: other.user.id },
        json: { password: 'another-password-2', role: 'admin' },
      });
      expect(res.status).toBe(200);
      expect((await res.json()).role).toBe('admin');
      // Tidy up: back to one admin.
      expect((await patch(other.user.id, { role: 'viewer' })).status).toBe(200);
    });

    it('does not count a disabled admin as another admin', async () => {
      const { user: second } = await newUser('admin');
      expect((await patch(second.id, { disabled: true })).status).toBe(200);
      expect((await patch(seededAdmin.id, { role: 'support' })).status).toBe(409);
      expect((await patch(second.id, { role: 'viewer' })).status).toBe(200);
    });

    it('with two admins, lets one be demoted, and then protects the one left', async () => {
      const second = await newUser('admin');
      const secondCookie = await t.signIn(second.user.email, second.password);
      // The second admin steps down by themself.
      const res = await t.clientAs(secondCookie).users[':id'].$patch({
        param: { id: second.user.id },
        json: { role: 'support' },
      });
      expect(res.status).toBe(200);
      expect((await res.json()).role).toBe('support');
      // ...and at once loses the admin routes.
      expect((await t.api('/api/users', { cookie: secondCookie })).status).toBe(403);
      expect((await patch(seededAdmin.id, { role: 'support' })).status).toBe(409);
    });

    it('lets an admin demote another admin, and disable one', async () => {
      const second = await newUser('admin');
      expect((await patch(second.user.id, { disabled: true })).status).toBe(200);
      expect((await patch(second.user.id, { disabled: false })).status).toBe(200);
      expect((await patch(second.user.id, { role: 'viewer' })).status).toBe(200);
    });

    it('keeps one admin when two admins demote each other at the same moment', async () => {
      const second = await newUser('admin');
      const secondCookie = await t.signIn(second.user.email, second.password);
      const statuses = await Promise.all([
        patch(second.user.id, { role: 'viewer' }),
        patch(seededAdmin.id, { role: 'viewer' }, secondCookie),
      ]).then((rs) => rs.map((r) => r.status));
      // The loser is refused as the last admin (409), or already as a non-admin (403).
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(await activeAdmins()).toHaveLength(1);
      await restoreOneAdmin();
    });

    it('keeps one admin when two demotions pass the permission check together', async () => {
      // The same race one level down, where the requests can no longer be told apart by role.
      const { auth, database } = t.console.deps;
      const { user: second } = await newUser('admin');
      const results = await Promise.allSettled([
        updateUser(auth, database.db, second.id, { role: 'viewer' }),
        updateUser(auth, database.db, seededAdmin.id, { role: 'viewer' }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect(await activeAdmins()).toHaveLength(1);
      await restoreOneAdmin();
    });

    it('keeps one admin when two admins disable each other at the same moment', async () => {
      const { auth, database } = t.console.deps;
      const { user: second } = await newUser('admin');
      const results = await Promise.allSettled([
        updateUser(auth, database.db, second.id, { disabled: true }),
        updateUser(auth, database.db, seededAdmin.id, { disabled: true }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect(await activeAdmins()).toHaveLength(1);
      await restoreOneAdmin();
    });
  });

  const activeAdmins = async () =>
    (await listUsers(t.console.deps.database.db)).filter((u) => u.role === 'admin' && !u.disabled);
  /** The seeded admin is the one admin again, whoever won a race. */
  const restoreOneAdmin = async () => {
    const { auth, database } = t.console.deps;
    await updateUser(auth, database.db, seededAdmin.id, { role: 'admin', disabled: false });
    for (const admin of await activeAdmins())
      if (admin.id !== seededAdmin.id) await updateUser(auth, database.db, admin.id, { role: 'viewer' });
  };
});
