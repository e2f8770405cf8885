import type { Context } from 'hono';
import { streamSSE, type SSEStreamingApi } from 'hono/streaming';
import type { EventBus, EventEnvelope } from './event-bus.ts';

/** Read when a stream opens; tests shorten the heartbeat. */
export const sseSettings = {
  /** A comment line this often keeps proxies and load balancers from closing an idle stream. */
  heartbeatMs: 15_000,
  /** The reconnection delay suggested to EventSource. */
  retryMs: 3_000,
  /**
   * Envelopes waiting for a client that does not read; past this the stream is ended, and the
   * browser reconnects with Last-Event-ID and gets what the replay buffer still holds.
   */
  maxPending: 1_000,
};

export interface StreamEventsOptions {
  /** Ends the stream when aborted (the session that opened it has ended). */
  signal?: AbortSignal;
  /** Called once when the stream ends, for whatever reason. */
  onEnd?: () => void;
}

/**
 * Streams the bus as Server-Sent Events (`event: <type>`, `id: <envelope id>`, `data: <json>`). With
 * `Last-Event-ID` it first replays what the bus still holds after that id. The replay is read and the
 * subscription made in the same tick, so nothing published in between is lost or sent twice.
 */
export function streamEvents(c: Context, bus: EventBus, options: StreamEventsOptions = {}) {
  const lastEventId = c.req.header('last-event-id');
  const heartbeatMs = sseSettings.heartbeatMs;
  const { retryMs, maxPending } = sseSettings;

  const response = streamSSE(c, async (stream) => {
    const pending: EventEnvelope[] = lastEventId ? bus.since(lastEventId) : [];
    let wake: (() => void) | null = null;
    let stopped = false;
    let unsubscribe = () => {};
    const stop = () => {
      if (!stopped) options.onEnd?.();
      stopped = true;
      unsubscribe();
      wake?.();
    };
    unsubscribe = bus.subscribe((envelope) => {
      pending.push(envelope);
      if (pending.length > maxPending) stop();
      else wake?.();
    }, stop);
    stream.onAbort(stop);
    c.req.raw.signal.addEventListener('abort', stop, { once: true });
    if (options.signal?.aborted) stop();
    options.signal?.addEventListener('abort', stop, { once: true });

    try {
      await stream.write(`retry: ${retryMs}\n: connected\n\n`);
      while (!stopped && !stream.closed) {
        const envelope = pending.shift();
        if (envelope) {
          await send(stream, envelope);
          continue;
        }
        const beat = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(true), heartbeatMs);
          wake = () => {
            clearTimeout(timer);
            resolve(false);
          };
        });
        wake = null;
        if (beat && !stopped) await stream.write(': heartbeat\n\n');
      }
    } finally {
      stop();
    }
  });
  // The socket is not reused after the stream: left idle once a closing bus ended the stream, it
  // would hold server.close() until the keep-alive timeout.
  response.headers.set('Connection', 'close');
  return response;
}

function send(stream: SSEStreamingApi, envelope: EventEnvelope) {
  return stream.writeSSE({
    event: envelope.event.type,
    id: envelope.id,
    data: JSON.stringify(envelope.event),
  });
}
