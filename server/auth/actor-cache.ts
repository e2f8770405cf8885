import { createHash } from 'node:crypto';
import type { InternalChannel } from '../events/event-bus.ts';
import type { Actor } from './actor.ts';
import type { Auth } from './create-auth.ts';

/** What reading a session answered: the actor, and when the session ends. */
export interface SessionActor {
  actor: Actor;
  expiresAt: Date;
}

export interface ActorCacheOptions {
  /** How long an actor is answered without reading the session again. */
  ttlMs: number;
  maxEntries: number;
  /** While false, every lookup reads the session and nothing is kept. */
  enabled?: () => boolean;
  now?: () => number;
}

export const ACTOR_CACHE_DEFAULTS: ActorCacheOptions = { ttlMs: 5_000, maxEntries: 1_000 };

const keyOf = (cookie: string) => createHash('sha256').update(cookie).digest('base64url');

/**
 * Signed-in actors by Cookie header for a few seconds, so that a burst of requests does not read the
 * session and the user for each one. Never past the session's end; `forgetUser` drops a user's
 * entries and makes lookups already under way keep nothing, so a change committed before it is seen
 * by every request that starts after it.
 */
export class ActorCache {
  private readonly entries = new Map<string, { actor: Actor; until: number }>();
  private readonly inFlight = new Map<string, Promise<SessionActor | null>>();
  /** Bumped by every invalidation: a lookup that started before one does not store its answer. */
  private generation = 0;
  private readonly now: () => number;

  constructor(private readonly options: ActorCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The cached actor of this Cookie header, or `load`'s (concurrent lookups share one load). */
  async resolve(cookie: string, load: () => Promise<SessionActor | null>): Promise<Actor | undefined> {
    if (this.options.enabled && !this.options.enabled()) {
      this.clear();
      return (await load())?.actor;
    }
    const key = keyOf(cookie);
    const hit = this.entries.get(key);
    if (hit && hit.until > this.now()) return hit.actor;
    if (hit) this.entries.delete(key);

    let pending = this.inFlight.get(key);
    if (!pending) {
      const generation = this.generation;
      const started = this.now();
      const lookup: Promise<SessionActor | null> = load()
        .then((found) => {
          if (found && generation === this.generation) this.store(key, found, started);
          return found;
        })
        .finally(() => {
          if (this.inFlight.get(key) === lookup) this.inFlight.delete(key);
        });
      pending = lookup;
      this.inFlight.set(key, pending);
    }
    return (await pending)?.actor;
  }

  /** Drops the user's entries; lookups under way are not joined nor stored any more. */
  forgetUser(userId: string): void {
    this.generation++;
    this.inFlight.clear();
    for (const [key, entry] of this.entries) if (entry.actor.id === userId) this.entries.delete(key);
  }

  clear(): void {
    this.generation++;
    this.inFlight.clear();
    this.entries.clear();
  }

  private store(key: string, found: SessionActor, started: number) {
    const until = Math.min(started + this.options.ttlMs, found.expiresAt.getTime());
    if (until <= this.now()) return;
    this.entries.delete(key);
    if (this.entries.size >= this.options.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { actor: found.actor, until });
  }
}

const links = new WeakMap<Auth, { cache: ActorCache; channel: InternalChannel }>();

/**
 * The actor cache of the console whose better-auth instance is `auth`, kept true by the auth changes
 * every console process announces on the bus. It is bypassed (and emptied) while the bus may miss
 * other processes' announcements.
 */
export function linkActorCache(
  auth: Auth,
  channel: InternalChannel,
  options: ActorCacheOptions = ACTOR_CACHE_DEFAULTS,
): ActorCache {
  const linked = links.get(auth);
  if (linked) return linked.cache;
  const cache = new ActorCache({ ...options, enabled: () => channel.hearsOthers() });
  channel.subscribe(
    (event) => {
      if (event.type === 'auth.changed') cache.forgetUser(event.userId);
    },
    () => cache.clear(),
  );
  links.set(auth, { cache, channel });
  return cache;
}

/**
 * Call after a user's role, disabled flag, password or sessions changed (once committed): that
 * user's cached actors are dropped here at once and in the other console processes on NOTIFY.
 */
export async function announceAuthChange(auth: Auth, userId: string): Promise<void> {
  const linked = links.get(auth);
  if (!linked) return;
  linked.cache.forgetUser(userId);
  try {
    await linked.channel.publish({ type: 'auth.changed', userId });
  } catch (err) {
    // The change is committed; other processes hold the user's old actor until their entries expire.
    console.warn(`[auth] announcing a change of user ${userId} failed: ${(err as Error).message}`);
  }
}
