import type { InternalChannel } from '../events/event-bus.ts';
import type { SessionActor } from './actor-cache.ts';

export interface SessionWatchOptions {
  /** The user the session belongs to: only changes announced for this user are read for. */
  userId: string;
  /** Reads the session afresh (never from a cache); null once it has ended. */
  read: () => Promise<SessionActor | null>;
  /** Where every console process announces `auth.changed`; absent, only the expiry is watched. */
  channel?: InternalChannel;
  /** While the channel may miss other processes' announcements, the session is read this often. */
  pollMs?: number;
}

export interface SessionWatch {
  /** What the session answered when the watch began. */
  session: SessionActor;
  /** Stops watching (the stream ended first); `onEnd` is not called after it. */
  stop(): void;
}

export const SESSION_POLL_MS = 5_000;
/** setTimeout fires at once for a longer delay (sessions may last 30 days): longer waits are re-armed. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Watches a session for something long-lived (an event stream) and calls `onEnd` once it has
 * ended: signed out, its user disabled or given another role, its password changed, or expired. The
 * session is read again when any console process announces a change of its user, at its expiry
 * (a later one, when it was refreshed meanwhile, is waited for in turn), and every `pollMs` while
 * announcements may be missed. A read that fails counts as an end: the client reconnects and is
 * checked afresh. Answers null, calling nothing, when the session has ended already.
 */
export async function watchSession(
  options: SessionWatchOptions,
  onEnd: () => void,
): Promise<SessionWatch | null> {
  const { userId, read, channel, pollMs = SESSION_POLL_MS } = options;
  let first: SessionActor | null = null;
  let stopped = false;
  let started = false;
  let expiry: NodeJS.Timeout | undefined;
  let poll: NodeJS.Timeout | undefined;
  let reading = false;
  let readAgain = false;

  const stop = () => {
    stopped = true;
    clearTimeout(expiry);
    clearTimeout(poll);
    unsubscribe();
  };
  const end = () => {
    if (stopped) return;
    stop();
    if (started) onEnd();
  };
  const armExpiry = (expiresAt: Date) => {
    clearTimeout(expiry);
    const delay = Math.min(Math.max(0, expiresAt.getTime() - Date.now()), MAX_TIMER_MS);
    expiry = setTimeout(() => void check(), delay);
  };
  /** Reads the session; an announcement during a read makes it read once more after. */
  const check = async (): Promise<void> => {
    if (stopped) return;
    if (reading) {
      readAgain = true;
      return;
    }
    reading = true;
    try {
      do {
        readAgain = false;
        const found = await read().catch(() => null);
        if (stopped) return;
        const changed = first !== null && found?.actor.role !== first.actor.role;
        if (!found || changed || found.expiresAt.getTime() <= Date.now()) return end();
        first ??= found;
        armExpiry(found.expiresAt);
      } while (readAgain);
    } finally {
      reading = false;
    }
  };
  /** One more read after the channel hears again: it covers what was missed until then. */
  const schedulePoll = () => {
    if (stopped || poll) return;
    poll = setTimeout(() => {
      poll = undefined;
      const deaf = !!channel && !channel.hearsOthers();
      void check().then(() => {
        if (deaf) schedulePoll();
      });
    }, pollMs);
  };

  // Subscribed before the first read, so a change committed while it runs is not missed.
  const unsubscribe =
    channel?.subscribe(
      (event) => {
        if (event.type === 'auth.changed' && event.userId === userId) void check();
      },
      () => {
        void check();
        schedulePoll();
      },
    ) ?? (() => {});

  await check();
  if (stopped || !first) {
    stop();
    return null;
  }
  started = true;
  if (channel && !channel.hearsOthers()) schedulePoll();
  return { session: first, stop };
}
