import { randomBytes } from 'node:crypto';
import type { ConsoleEvent } from '../../shared/schemas/events.ts';
import type { Database } from '../db/client.ts';
import { isInternalEvent, type InternalEvent } from './internal-events.ts';
import { startPgFanout, type PgFanout } from './pg-fanout.ts';
import { ReplayBuffer } from './replay-buffer.ts';

export interface EventEnvelope {
  /** Monotonic per process; SSE sends it as the event id so a browser resumes with Last-Event-ID. */
  id: string;
  event: ConsoleEvent;
}

export interface EventBus {
  /** Delivers to local subscribers and, on Postgres, to every other console process (NOTIFY). */
  publish(event: ConsoleEvent): Promise<void>;
  /** `onClose` is called if the bus closes first (an SSE stream ends then, so shutdown is not held up). */
  subscribe(listener: (envelope: EventEnvelope) => void, onClose?: () => void): () => void;
  /** Envelopes after the given id still held in the replay buffer (for Last-Event-ID). */
  since(lastEventId: string): EventEnvelope[];
  /** Events between console processes; none of them ever reaches `subscribe` (or a browser). */
  internal?: InternalChannel;
  close(): Promise<void>;
}

export interface InternalChannel {
  /** Delivers to local listeners at once and, on Postgres, to every other console process. */
  publish(event: InternalEvent): Promise<void>;
  /** `onMissed`: events of other processes may have been missed (the LISTEN connection was lost). */
  subscribe(listener: (event: InternalEvent) => void, onMissed?: () => void): () => void;
  /** False while events of other processes would be missed (on Postgres, LISTEN is down). */
  hearsOthers(): boolean;
}

export const REPLAY_CAPACITY = 1_000;

/**
 * The in-process bus. Subscribers are called synchronously, in publish order, so a subscriber that
 * reads `since()` and subscribes in the same tick sees every envelope exactly once. On Postgres it
 * also fans out to, and receives from, the other console processes on the same database.
 */
export async function createEventBus(database: Database): Promise<EventBus> {
  const processTag = randomBytes(6).toString('base64url');
  const buffer = new ReplayBuffer(processTag, REPLAY_CAPACITY);
  const listeners = new Set<(envelope: EventEnvelope) => void>();
  const closeListeners = new Set<() => void>();
  const internalListeners = new Set<(event: InternalEvent) => void>();
  const missedListeners = new Set<() => void>();
  let closed = false;

  const call = <A extends unknown[]>(fns: Iterable<(...args: A) => void>, ...args: A) => {
    for (const fn of fns) {
      try {
        fn(...args);
      } catch (err) {
        console.warn('[events] a subscriber threw', err);
      }
    }
  };

  const deliver = (event: ConsoleEvent | InternalEvent) => {
    if (isInternalEvent(event)) return call(internalListeners, event);
    call(listeners, buffer.add(event));
  };

  const fanout: PgFanout | null =
    database.kind === 'postgres' && database.pool
      ? await startPgFanout(database.pool, processTag, deliver, () => call(missedListeners))
      : null;

  const internal: InternalChannel = {
    publish: async (event) => {
      if (closed) return;
      deliver(event);
      // Unlike browser events, a failure is thrown: the publisher decides what a miss costs.
      await fanout?.notify(event);
    },
    subscribe: (listener, onMissed) => {
      if (closed) return () => {};
      internalListeners.add(listener);
      if (onMissed) missedListeners.add(onMissed);
      return () => {
        internalListeners.delete(listener);
        if (onMissed) missedListeners.delete(onMissed);
      };
    },
    hearsOthers: () => !fanout || fanout.listening(),
  };

  return {
    publish: async (event) => {
      if (closed) return;
      deliver(event);
      if (!fanout) return;
      try {
        await fanout.notify(event);
      } catch (err) {
        // Local subscribers have it; other processes catch up when their browsers resync.
        console.warn(`[events] NOTIFY failed: ${(err as Error).message}`);
      }
    },
    subscribe: (listener, onClose) => {
      if (closed) {
        onClose?.();
        return () => {};
      }
      listeners.add(listener);
      if (onClose) closeListeners.add(onClose);
      return () => {
        listeners.delete(listener);
        if (onClose) closeListeners.delete(onClose);
      };
    },
    since: (lastEventId) => buffer.since(lastEventId),
    internal,
    close: async () => {
      if (closed) return;
      closed = true;
      listeners.clear();
      internalListeners.clear();
      missedListeners.clear();
      const onCloses = [...closeListeners];
      closeListeners.clear();
      for (const onClose of onCloses) onClose();
      await fanout?.close();
    },
  };
}
