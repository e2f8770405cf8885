import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Actor } from '../../../../server/auth/actor.ts';
import type { SessionActor } from '../../../../server/auth/actor-cache.ts';
import { watchSession, type SessionWatchOptions } from '../../../../server/auth/session-watch.ts';
import type { InternalChannel } from '../../../../server/events/event-bus.ts';
import type { InternalEvent } from '../../../../server/events/internal-events.ts';

const T0 = Date.UTC(2030, 0, 1);
const HOUR = 3_600_000;
const actor = (role: Actor['role'] = 'viewer'): Actor => ({ id: 'u1', email: 'u1@x.test', name: 'U1', role });

/** A channel as the bus gives it, whose deafness (LISTEN down) the test switches. */
function fakeChannel() {
  const listeners = new Set<(event: InternalEvent) => void>();
  const missed = new Set<() => void>();
  let hearing = true;
  const channel: InternalChannel = {
    publish: async (event) => {
      for (const l of listeners) l(event);
    },
    subscribe: (listener, onMissed) => {
      listeners.add(listener);
      if (onMissed) missed.add(onMissed);
      return () => {
        listeners.delete(listener);
        if (onMissed) missed.delete(onMissed);
      };
    },
    hearsOthers: () => hearing,
  };
  return {
    channel,
    subscribers: () => listeners.size,
    announce: (userId = 'u1') => channel.publish({ type: 'auth.changed', userId }),
    loseListen: () => {
      hearing = false;
      for (const m of missed) m();
    },
    regainListen: () => {
      hearing = true;
    },
  };
}

/** The session as the database holds it; `reads` counts how often the watch read it. */
function fakeSession(initial: SessionActor | null) {
  let current = initial;
  let reads = 0;
  let gate: Promise<void> | null = null;
  return {
    read: async () => {
      reads++;
      const answer = current;
      if (gate) await gate;
      return answer;
    },
    set: (next: SessionActor | null) => {
      current = next;
    },
    reads: () => reads,
    /** Holds reads until the returned function is called. */
    hold: () => {
      let open!: () => void;
      gate = new Promise((resolve) => (open = resolve));
      return () => {
        gate = null;
        open();
      };
    },
  };
}

const session = (role: Actor['role'] = 'viewer', endsInMs = HOUR): SessionActor => ({
  actor: actor(role),
  expiresAt: new Date(Date.now() + endsInMs),
});

async function watch(options: Omit<SessionWatchOptions, 'userId'>) {
  const onEnd = vi.fn();
  const watched = await watchSession({ userId: 'u1', ...options }, onEnd);
  return { watched, onEnd };
}

describe('watchSession', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: T0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('answers null, and calls nothing, for a session that has ended already', async () => {
    const c = fakeChannel();
    const { watched, onEnd } = await watch({ read: async () => null, channel: c.channel });
    expect(watched).toBeNull();
    expect(onEnd).not.toHaveBeenCalled();
    expect(c.subscribers()).toBe(0);
  });

  it('ends at the session’s expiry', async () => {
    const s = fakeSession(session('viewer', 60_000));
    const { watched, onEnd } = await watch({ read: s.read });
    expect(watched?.session.actor.role).toBe('viewer');
    await vi.advanceTimersByTimeAsync(59_999);
    expect(onEnd).not.toHaveBeenCalled();
    s.set(null);
    await vi.advanceTimersByTimeAsync(1);
    expect(onEnd).toHaveBeenCalledTimes(1);
  });

  it('waits for the later expiry of a session that was refreshed meanwhile', async () => {
    const s = fakeSession(session('viewer', 60_000));
    const { onEnd } = await watch({ read: s.read });
    s.set({ actor: actor(), expiresAt: new Date(T0 + 120_000) });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(onEnd).not.toHaveBeenCalled();
    s.set(null);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(onEnd).toHaveBeenCalledTimes(1);
  });

  it('waits out a session longer than a timer can wait at once (30 days)', async () => {
    const s = fakeSession(session('viewer', 30 * 24 * HOUR));
    const { onEnd } = await watch({ read: s.read });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(s.reads()).toBe(1);
    await vi.advanceTimersByTimeAsync(30 * 24 * HOUR - 1_001);
    expect(onEnd).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(onEnd).toHaveBeenCalledTimes(1);
  });

  it('ends when a change of the user is announced and the session is gone', async () => {
    const c = fakeChannel();
    const s = fakeSession(session());
    const { onEnd } = await watch({ read: s.read, channel: c.channel });
    s.set(null);
    await c.announce();
    await vi.waitFor(() => expect(onEnd).toHaveBeenCalledTimes(1));
    expect(c.subscribers()).toBe(0);
  });

  it('ends when the user’s role changed, so the client reconnects with its new role', async () => {
    const c = fakeChannel();
    const s = fakeSession(session('viewer'));
    const { onEnd } = await watch({ read: s.read, channel: c.channel });
    s.set(session('manager'));
    await c.announce();
    await vi.waitFor(() => expect(onEnd).toHaveBeenCalledTimes(1));
  });

  it('stays open when the announced change leaves the session as it was (another session signed out)', async () => {
    const c = fakeChannel();
    const s = fakeSession(session());
    const { onEnd } = await watch({ read: s.read, channel: c.channel });
    await c.announce();
    await vi.waitFor(() => expect(s.reads()).toBe(2));
    expect(onEnd).not.toHaveBeenCalled();
  });

  it('ignores changes of other users', async () => {
    const c = fakeChannel();
    const s = fakeSession(session());
    await watch({ read: s.read, channel: c.channel });
    await c.announce('someone-else');
    expect(s.reads()).toBe(1);
  });

  it('reads again after a change announced while the first read was under way', async () => {
    const c = fakeChannel();
    const s = fakeSession(session());
    const release = s.hold();
    const onEnd = vi.fn();
    const watching = watchSession({ userId: 'u1', read: s.read, channel: c.channel }, onEnd);
    await vi.waitFor(() => expect(s.reads()).toBe(1));
    // Disabled while the stream was opening: the first read still saw the session.
    s.set(null);
    await c.announce();
    release();
    expect(await watching).toBeNull();
    expect(s.reads()).toBe(2);
    expect(onEnd).not.toHaveBeenCalled();
  });

  it('ends when the session cannot be read (the client reconnects and is checked afresh)', async () => {
    const c = fakeChannel();
    let fail = false;
    const first = session();
    const { onEnd } = await watch({
      read: async () => {
        if (fail) throw new Error('connection terminated');
        return first;
      },
      channel: c.channel,
    });
    fail = true;
    await c.announce();
    await vi.waitFor(() => expect(onEnd).toHaveBeenCalledTimes(1));
  });

  it('reads every pollMs while announcements may be missed, and once more after they are heard again', async () => {
    const c = fakeChannel();
    const s = fakeSession(session());
    const { onEnd } = await watch({ read: s.read, channel: c.channel, pollMs: 1_000 });
    c.loseListen();
    await vi.advanceTimersByTimeAsync(0);
    expect(s.reads()).toBe(2);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(s.reads()).toBe(5);
    c.regainListen();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(s.reads()).toBe(6);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(s.reads()).toBe(6);
    expect(onEnd).not.toHaveBeenCalled();
  });

  it('polls from the start when the channel is deaf as the stream opens', async () => {
    const c = fakeChannel();
    c.loseListen();
    const s = fakeSession(session());
    const { onEnd } = await watch({ read: s.read, channel: c.channel, pollMs: 1_000 });
    s.set(null);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(onEnd).toHaveBeenCalledTimes(1);
  });

  it('does nothing more once stopped', async () => {
    const c = fakeChannel();
    const s = fakeSession(session('viewer', 60_000));
    const { watched, onEnd } = await watch({ read: s.read, channel: c.channel });
    watched!.stop();
    expect(c.subscribers()).toBe(0);
    s.set(null);
    await c.announce();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(s.reads()).toBe(1);
    expect(onEnd).not.toHaveBeenCalled();
  });
});
