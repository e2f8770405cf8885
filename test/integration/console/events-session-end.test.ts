import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../../shared/schemas/users.ts';
import { startConsole, type RunningConsole } from '../../../server/start-console.ts';
import { startTestConsole, TEST_DATABASES, type TestConsole } from '../../support/console.ts';
import { waitUntil } from '../../support/webhook-receiver.ts';

/** Generous: the end is awaited, so a slow machine only makes a failing test slower. */
const END_BUDGET = { timeoutMs: 20_000, what: 'the stream to end' };

/** `GET /api/events` on a console as the given session, read until the server ends it. */
async function openStream(url: string, cookie: string) {
  const controller = new AbortController();
  const res = await fetch(`${url}/api/events`, { headers: { cookie }, signal: controller.signal });
  expect(res.status).toBe(200);
  let text = '';
  let endedByServer = false;
  const reading = (async () => {
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        text += value;
      }
      endedByServer = true;
    } catch {
      // Aborted by close().
    }
  })();
  await waitUntil(() => text.includes(': connected'), { what: 'the stream to open' });
  return {
    /** Resolves once the server has ended the stream. */
    ended: async () => {
      await waitUntil(() => endedByServer, END_BUDGET);
    },
    isOpen: () => !endedByServer,
    close: async () => {
      controller.abort();
      await reading;
    },
  };
}

describe.each(TEST_DATABASES)('event streams end with their session on $name', ({ kind }) => {
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

  const newUser = async (role: User['role'] = 'viewer') => {
    const email = `streaming-${++users}@switchboard.test`;
    const password = 'streaming-password-1';
    const res = await t.api('/api/users', {
      method: 'POST',
      body: JSON.stringify({ email, name: 'Streaming', password, role }),
    });
    expect(res.status).toBe(201);
    const user = (await res.json()) as User;
    return { user, cookie: await t.signIn(email, password), password };
  };
  const patch = async (id: string, body: unknown) => {
    const res = await t.api(`/api/users/${id}`, { method: 'PATCH', body: JSON.stringify(body) });
    expect(res.status).toBe(200);
  };
  const signOut = async (cookie: string) => {
    const res = await t.api('/api/auth/sign-out', { method: 'POST', cookie });
    expect(res.status).toBe(200);
  };

  it('ends the stream when its session signs out', async () => {
    const { cookie } = await newUser();
    const stream = await openStream(t.console.url, cookie);
    await signOut(cookie);
    await stream.ended();
  });

  it('ends the stream when an admin disables the user', async () => {
    const { user, cookie } = await newUser('support');
    const stream = await openStream(t.console.url, cookie);
    await patch(user.id, { disabled: true });
    await stream.ended();
  });

  it('ends the stream when an admin changes the role; the browser reconnects with its new role', async () => {
    const { user, cookie } = await newUser('viewer');
    const stream = await openStream(t.console.url, cookie);
    await patch(user.id, { role: 'manager' });
    await stream.ended();
    const again = await openStream(t.console.url, cookie);
    expect(again.isOpen()).toBe(true);
    await again.close();
  });

  it('ends every open stream of a user whose password an admin changed', async () => {
    const { user, password, cookie } = await newUser();
    const second = await t.signIn(user.email, password);
    const streams = [await openStream(t.console.url, cookie), await openStream(t.console.url, second)];
    await patch(user.id, { password: 'a-new-password-2' });
    for (const stream of streams) await stream.ended();
  });

  it('refuses to open a stream for a session that has ended', async () => {
    const { cookie } = await newUser();
    await signOut(cookie);
    expect((await fetch(`${t.console.url}/api/events`, { headers: { cookie } })).status).toBe(401);
  });
});

describe('an event stream and the session lifetime', () => {
  let t: TestConsole;

  beforeAll(async () => {
    t = await startTestConsole({
      autoSync: false,
      sandbox: { accounts: 1, webhookUrls: [] },
      // SESSION_TTL_HOURS refuses less than 36 s; a test does not want to wait that long.
      adjustConfig: (config) => ({ ...config, auth: { ...config.auth, sessionTtlSeconds: 6 } }),
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('ends the stream when the session expires, and the session is refused after', async () => {
    const res = await t.api('/api/users', {
      method: 'POST',
      body: JSON.stringify({
        email: 'expiring@switchboard.test',
        name: 'Expiring',
        password: 'expiring-password-1',
        role: 'viewer',
      }),
    });
    expect(res.status).toBe(201);
    const cookie = await t.signIn('expiring@switchboard.test', 'expiring-password-1');
    const stream = await openStream(t.console.url, cookie);
    await stream.ended();
    expect((await fetch(`${t.console.url}/api/me`, { headers: { cookie } })).status).toBe(401);
  });
});

// Only where there is a Postgres: PGlite is one process by construction.
describe.each(TEST_DATABASES.filter((d) => d.kind === 'postgres'))(
  'event streams across console processes on $name',
  () => {
    let t: TestConsole;
    let second: RunningConsole;
    let users = 0;

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

    const newUser = async (role: User['role']) => {
      const email = `across-stream-${++users}@switchboard.test`;
      const res = await t.api('/api/users', {
        method: 'POST',
        body: JSON.stringify({ email, name: 'Across', password: 'across-password-1', role }),
      });
      expect(res.status).toBe(201);
      return { user: (await res.json()) as User, cookie: await t.signIn(email, 'across-password-1') };
    };

    it('ends a stream open in one process when the user is disabled in the other', async () => {
      const { user, cookie } = await newUser('viewer');
      const stream = await openStream(second.url, cookie);
      const res = await t.api(`/api/users/${user.id}`, {
        method: 'PATCH',
        body: JSON.stringify({ disabled: true }),
      });
      expect(res.status).toBe(200);
      await stream.ended();
    });

    it('ends a stream open in one process when its session signs out in the other', async () => {
      const { cookie } = await newUser('support');
      const stream = await openStream(second.url, cookie);
      expect((await t.api('/api/auth/sign-out', { method: 'POST', cookie })).status).toBe(200);
      await stream.ended();
    });
  },
);
