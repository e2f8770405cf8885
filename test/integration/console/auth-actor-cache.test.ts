import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../../shared/schemas/users.ts';
import { createEventBus } from '../../../server/events/event-bus.ts';
import type { InternalEvent } from '../../../server/events/internal-events.ts';
import { startConsole, type RunningConsole } from '../../../server/start-console.ts';
import {
  startTestConsole,
  TEST_DATABASES,
  type ConsoleClient,
  type SuccessBody,
  type TestConsole,
} from '../../support/console.ts';
import { waitUntil } from '../../support/webhook-receiver.ts';

/**
 * The actor cache answers a signed-in request without reading the session for a few seconds; these
 * tests warm it first, then check that a change still takes effect on the very next request.
 */
describe.each(TEST_DATABASES)('the actor cache on $name', ({ kind }) => {
  let t: TestConsole;
  let users = 0;

  beforeAll(async () => {
    t = await startTestConsole({
      database: kind,
      autoSync: false,
      sandbox: { accounts: 1, webhookUrls: [] },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const newUser = async (role: User['role']) => {
    const email = `cached-${++users}@switchboard.test`;
    const res = await t.client.users.$post({
      json: { email, name: 'Cached', password: 'cached-password-1', role },
    });
    expect(res.status).toBe(201);
    const user = await res.json();
    return { user, cookie: await t.signIn(email, 'cached-password-1') };
  };
  const patch = (id: string, body: unknown) =>
    t.api(`/api/users/${id}`, { method: 'PATCH', body: JSON.stringify(body) });
  const permissions = async (cookie: string, url = t.console.url) => {
    const res = await fetch(`${url}/api/me`, { headers: { cookie } });
    if (res.status !== 200) return res.status;
    const me: SuccessBody<ConsoleClient['me']['$get']> = await res.json();
    return me.permissions;
  };
  const usersStatus = async (cookie: string) => (await t.api('/api/users', { cookie })).status;

  it('applies a new role on the next request', async () => {
    const { user, cookie } = await newUser('viewer');
    expect(await usersStatus(cookie)).toBe(403);
    expect(await permissions(cookie)).not.toContain('users:manage');
    expect((await patch(user.id, { role: 'admin' })).status).toBe(200);
    expect(await usersStatus(cookie)).toBe(200);
    expect(await permissions(cookie)).toContain('users:manage');
    expect((await patch(user.id, { role: 'viewer' })).status).toBe(200);
    expect(await usersStatus(cookie)).toBe(403);
  });

  it('refuses a disabled user on the next request', async () => {
    const { user, cookie } = await newUser('manager');
    expect(await permissions(cookie)).toContain('accounts:read');
    expect((await patch(user.id, { disabled: true })).status).toBe(200);
    expect(await permissions(cookie)).toBe(401);
    expect((await t.api('/api/accounts', { cookie })).status).toBe(401);
  });

  it('ends the session of a changed password on the next request', async () => {
    const { user, cookie } = await newUser('support');
    expect(await permissions(cookie)).toContain('accounts:read');
    expect((await patch(user.id, { password: 'changed-password-2' })).status).toBe(200);
    expect(await permissions(cookie)).toBe(401);
  });

  it('ends a signed-out session on the next request, and only that user’s sessions are read again', async () => {
    const { cookie } = await newUser('viewer');
    const other = await newUser('viewer');
    expect(await permissions(cookie)).toContain('accounts:read');
    expect(await permissions(other.cookie)).toContain('accounts:read');
    const out = await t.api('/api/auth/sign-out', { method: 'POST', cookie });
    expect(out.status).toBe(200);
    expect(await permissions(cookie)).toBe(401);
    expect(await permissions(other.cookie)).toContain('accounts:read');
  });

  it('answers many concurrent requests of one session alike', async () => {
    const { cookie } = await newUser('manager');
    const all = await Promise.all(Array.from({ length: 20 }, () => permissions(cookie)));
    expect(new Set(all.map((p) => JSON.stringify(p))).size).toBe(1);
    expect(all[0]).toContain('accounts:add');
  });

  it('streams no internal event to browsers', async () => {
    const controller = new AbortController();
    const res = await t.api('/api/events', { signal: controller.signal });
    expect(res.status).toBe(200);
    let text = '';
    const reading = (async () => {
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          text += value;
        }
      } catch {
        // aborted
      }
    })();
    const { user } = await newUser('viewer');
    expect((await patch(user.id, { role: 'support' })).status).toBe(200);
    // A browser event after the change: once it is in, the change was streamed (or not) before it.
    await t.console.deps.bus.publish({
      type: 'sync.progress',
      state: 'idle',
      seen: 0,
      pages: 0,
      startedAt: null,
      finishedAt: null,
      error: null,
      at: 'after-the-change',
    });
    await waitUntil(() => text.includes('after-the-change'), { what: 'the browser event' });
    controller.abort();
    await reading;
    expect(text).not.toContain('auth.changed');
    expect(text).not.toContain(user.id);
    expect(t.console.deps.bus.since('unknown.0').map((e) => e.event.type)).not.toContain('auth.changed');
  });
});

// Only where there is a Postgres: PGlite is one process by construction.
describe.each(TEST_DATABASES.filter((d) => d.kind === 'postgres'))(
  'the actor cache across console processes on $name',
  () => {
    let t: TestConsole;
    let second: RunningConsole;

    beforeAll(async () => {
      t = await startTestConsole({
        database: 'postgres',
        autoSync: false,
        sandbox: { accounts: 1, webhookUrls: [] },
      });
      const { config } = t.console.deps;
      second = await startConsole({ ...config, port: 0 }, { database: t.database, autoSync: false });
    });
    afterAll(async () => {
      await second?.close();
      await t?.close();
    });

    const onSecond = async (cookie: string, path: string) =>
      (await fetch(`${second.url}${path}`, { headers: { cookie } })).status;
    const patch = (id: string, body: unknown) =>
      t.api(`/api/users/${id}`, { method: 'PATCH', body: JSON.stringify(body) });
    let users = 0;
    const newUser = async (role: User['role']) => {
      const email = `across-${++users}@switchboard.test`;
      const res = await t.client.users.$post({
        json: { email, name: 'Across', password: 'across-password-1', role },
      });
      const user = await res.json();
      return { user, cookie: await t.signIn(email, 'across-password-1') };
    };

    it('applies a role changed in one process on the next request to the other', async () => {
      const { user, cookie } = await newUser('viewer');
      expect(await onSecond(cookie, '/api/users')).toBe(403);
      expect((await patch(user.id, { role: 'admin' })).status).toBe(200);
      expect(await onSecond(cookie, '/api/users')).toBe(200);
      expect((await patch(user.id, { role: 'viewer' })).status).toBe(200);
      expect(await onSecond(cookie, '/api/users')).toBe(403);
    });

    it('refuses a user disabled in one process on the next request to the other', async () => {
      const { user, cookie } = await newUser('manager');
      expect(await onSecond(cookie, '/api/accounts')).toBe(200);
      expect((await patch(user.id, { disabled: true })).status).toBe(200);
      expect(await onSecond(cookie, '/api/accounts')).toBe(401);
    });

    it('ends a session signed out in one process on the next request to the other', async () => {
      const { cookie } = await newUser('viewer');
      expect(await onSecond(cookie, '/api/me')).toBe(200);
      expect((await t.api('/api/auth/sign-out', { method: 'POST', cookie })).status).toBe(200);
      expect(await onSecond(cookie, '/api/me')).toBe(401);
    });

    it('carries internal events to the other processes’ internal listeners only', async () => {
      const bus = await createEventBus(second.deps.database);
      try {
        const internal: InternalEvent[] = [];
        const browser: string[] = [];
        bus.internal!.subscribe((e) => internal.push(e));
        bus.subscribe((e) => browser.push(e.event.type));
        await t.console.deps.bus.internal!.publish({ type: 'auth.changed', userId: 'someone' });
        await t.console.deps.bus.publish({
          type: 'sync.progress',
          state: 'idle',
          seen: 0,
          pages: 0,
          startedAt: null,
          finishedAt: null,
          error: null,
          at: 'x',
        });
        await waitUntil(() => internal.length > 0 && browser.length > 0, { what: 'both events' });
        expect(internal).toEqual([{ type: 'auth.changed', userId: 'someone' }]);
        expect(browser).toEqual(['sync.progress']);
        expect(bus.since('unknown.0').map((e) => e.event.type)).toEqual(['sync.progress']);
      } finally {
        await bus.close();
      }
    });
  },
);
