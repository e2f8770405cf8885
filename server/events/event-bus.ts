import type { ConsoleEvent } from '../../shared/schemas/events.ts';
import type { Database } from '../db/client.ts';

export interface EventEnvelope {
  /** Monotonic per process; SSE sends it as the event id so a browser resumes with Last-Event-ID. */
  id: string;
  event: ConsoleEvent;
}

export interface EventBus {
  /** Delivers to local subscribers and, on Postgres, to every other console process (NOTIFY). */
  publish(event: ConsoleEvent): Promise<void>;
  subscribe(listener: (envelope: EventEnvelope) => void): () => void;
  /** Envelopes after the given id still held in the replay buffer (for Last-Event-ID). */
  since(lastEventId: string): EventEnvelope[];
  close(): Promise<void>;
}

/** STUB — replaced by the in-process bus with Postgres LISTEN/NOTIFY fan-out. */
export async function createEventBus(_database: Database): Promise<EventBus> {
  const listeners = new Set<(e: EventEnvelope) => void>();
  let seq = 0;
  return {
    publish: async (event) => {
      const envelope = { id: String(++seq), event };
      for (const l of listeners) l(envelope);
    },
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    since: () => [],
    close: async () => {},
  };
}
