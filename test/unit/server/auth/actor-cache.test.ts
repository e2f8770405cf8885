import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../../server/auth/actor.ts';
import { ActorCache, type SessionActor } from '../../../../server/auth/actor-cache.ts';

const actor = (id: string, role: Actor['role'] = 'viewer'): Actor => ({
  id,
  email: `${id}@switchboard.test`,
  name: id,
  role,
});

function setup(options: { ttlMs?: number; maxEntries?: number; enabled?: () => boolean } = {}) {
  let now = 1_000_000;
  const cache = new ActorCache({
    ttlMs: options.ttlMs ?? 5_000,
    maxEntries: options.maxEntries ?? 100,
    enabled: options.enabled,
    now: () => now,
  });
  let loads = 0;
  const sessions = new Map<string, SessionActor | null>();
  const load = (cookie: string) => async () => {
    loads++;
    return sessions.get(cookie) ?? null;
  };
  return {
    cache,
    sessions,
    loads: () => loads,
    advance: (ms: number) => (now += ms),
    now: () => now,
    get: (cookie: string) => cache.resolve(cookie, load(cookie)),
    session: (cookie: string, a: Actor, endsInMs = 3_600_000) =>
      sessions.set(cookie, { actor: a, expiresAt: new Date(now + endsInMs) }),
  };
}

describe('ActorCache', () => {
  it('answers a cached actor without reading the session again within the TTL', async () => {
    const s = setup();
    s.session('c1', actor('u1'));
    expect(await s.get('c1')).toEqual(actor('u1'));
    s.advance(4_999);
    expect(await s.get('c1')).toEqual(actor('u1'));
    expect(s.loads()).toBe(1);
  });

  it('reads the session again once the TTL has passed', async () => {
    const s = setup();
    s.session('c1', actor('u1'));
    await s.get('c1');
    s.advance(5_000);
    s.session('c1', actor('u1', 'admin'));
    expect(await s.get('c1')).toEqual(actor('u1', 'admin'));
    expect(s.loads()).toBe(2);
  });

  it('never answers a session past its end', async () => {
    const s = setup();
    s.session('c1', actor('u1'), 1_000);
    await s.get('c1');
    s.advance(1_000);
    s.sessions.set('c1', null);
    expect(await s.get('c1')).toBeUndefined();
    expect(s.loads()).toBe(2);
  });

  it('keeps nothing for a session that is not signed in, nor for one that has ended', async () => {
    const s = setup();
    expect(await s.get('nobody')).toBeUndefined();
    s.sessions.set('ended', { actor: actor('u1'), expiresAt: new Date(s.now() - 1) });
    await s.get('ended');
    expect(s.cache.size).toBe(0);
    await s.get('nobody');
    expect(s.loads()).toBe(3);
  });

  it('forgets only the changed user’s entries', async () => {
    const s = setup();
    s.session('a1', actor('a'));
    s.session('a2', actor('a'));
    s.session('b1', actor('b'));
    for (const c of ['a1', 'a2', 'b1']) await s.get(c);
    s.cache.forgetUser('a');
    s.session('a1', actor('a', 'manager'));
    expect(await s.get('a1')).toEqual(actor('a', 'manager'));
    expect(await s.get('b1')).toEqual(actor('b'));
    expect(s.loads()).toBe(4);
    expect(s.cache.size).toBe(2);
  });

  it('does not keep what a lookup started before an invalidation read', async () => {
    const s = setup();
    let release!: (value: SessionActor) => void;
    const slow = s.cache.resolve('c1', () => new Promise<SessionActor>((r) => (release = r)));
    s.cache.forgetUser('u1');
    release({ actor: actor('u1'), expiresAt: new Date(s.now() + 60_000) });
    expect(await slow).toEqual(actor('u1'));
    s.session('c1', actor('u1', 'admin'));
    expect(await s.get('c1')).toEqual(actor('u1', 'admin'));
  });

  it('does not let a request after an invalidation join a lookup started before it', async () => {
    const s = setup();
    let release!: (value: SessionActor) => void;
    const before = s.cache.resolve('c1', () => new Promise<SessionActor>((r) => (release = r)));
    s.cache.forgetUser('u1');
    s.session('c1', actor('u1', 'admin'));
    const after = s.get('c1');
    release({ actor: actor('u1'), expiresAt: new Date(s.now() + 60_000) });
    expect(await before).toEqual(actor('u1'));
    expect(await after).toEqual(actor('u1', 'admin'));
  });

  it('reads a session once for concurrent requests with the same cookie', async () => {
    const s = setup();
    s.session('c1', actor('u1'));
    const all = await Promise.all(Array.from({ length: 10 }, () => s.get('c1')));
    expect(all.every((a) => a?.id === 'u1')).toBe(true);
    expect(s.loads()).toBe(1);
  });

  it('passes a failed read on to every waiting request and keeps nothing', async () => {
    const s = setup();
    const failing = () => Promise.reject(new Error('database down'));
    await expect(
      Promise.all([s.cache.resolve('c1', failing), s.cache.resolve('c1', failing)]),
    ).rejects.toThrow('database down');
    s.session('c1', actor('u1'));
    expect(await s.get('c1')).toEqual(actor('u1'));
  });

  it('holds at most maxEntries, dropping the oldest', async () => {
    const s = setup({ maxEntries: 2 });
    for (const c of ['c1', 'c2', 'c3']) {
      s.session(c, actor(c));
      await s.get(c);
    }
    expect(s.cache.size).toBe(2);
    await s.get('c3');
    await s.get('c2');
    expect(s.loads()).toBe(3);
    await s.get('c1');
    expect(s.loads()).toBe(4);
  });

  it('reads every time and empties itself while disabled', async () => {
    let enabled = true;
    const s = setup({ enabled: () => enabled });
    s.session('c1', actor('u1'));
    await s.get('c1');
    enabled = false;
    await s.get('c1');
    await s.get('c1');
    expect(s.loads()).toBe(3);
    expect(s.cache.size).toBe(0);
  });

  it('does not key entries by the cookie itself', async () => {
    const s = setup();
    s.session('better-auth.session_token=secret-token', actor('u1'));
    await s.get('better-auth.session_token=secret-token');
    expect(
      JSON.stringify([...(s.cache as unknown as { entries: Map<string, unknown> }).entries.keys()]),
    ).not.toContain('secret-token');
  });
});
