import { randomBytes } from 'node:crypto';
import type { ConsoleEvent } from '../../shared/schemas/events.ts';
import type { Database } from '../db/client.ts';
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
  close(): Promise<void>;
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
  let closed = false;

  const deliver = (event: ConsoleEvent) => {
    const envelope = buffer.add(event);
    for (const listener of listeners) {
      try {
        listener(envelope);
      } catch (err) {
        console.warn('[events] a subscriber threw', err);
      }
    }
  };

  const fanout: PgFanout | null =
    database.kind === 'postgres' && database.pool
      ? await startPgFanout(database.pool, processTag, deliver)
      : null;

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
    close: async () => {
      if (closed) return;
      closed = true;
      listeners.clear();
      const onCloses = [...closeListeners];
      closeListeners.clear();
      for (const onClose of onCloses) onClose();
      await fanout?.close();
    },
  };
}
