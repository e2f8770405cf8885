import { ConsoleEventSchema, type ConsoleEvent } from '../../shared/schemas/events.ts';

export interface SseClient {
  close(): Promise<void>;
}

/**
 * `GET /api/events` read as a browser's EventSource would: over one streamed HTTP response, frames
 * split on blank lines, `data:` lines joined. Each event is handed over with the `performance.now()`
 * of the read that completed its frame, which is when a browser would have dispatched it.
 */
export async function openEventStream(
  consoleUrl: string,
  cookie: string,
  onEvent: (event: ConsoleEvent, receivedAt: number) => void,
): Promise<SseClient> {
  const controller = new AbortController();
  const res = await fetch(`${consoleUrl}/api/events`, {
    headers: { cookie, accept: 'text/event-stream' },
    signal: controller.signal,
  });
  if (res.status !== 200 || !res.headers.get('content-type')?.includes('text/event-stream')) {
    throw new Error(`GET /api/events answered ${res.status} ${res.headers.get('content-type')}`);
  }
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();

  const reading = (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) throw new Error('the server ended the stream');
        const receivedAt = performance.now();
        buffer += value.replace(/\r\n?/g, '\n');
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const data = buffer
            .slice(0, end)
            .split('\n')
            .filter((line) => line.startsWith('data:'))
            .map((line) => line.slice(5).replace(/^ /, ''));
          buffer = buffer.slice(end + 2);
          if (data.length === 0) continue;
          // An event of a kind this client does not know is skipped, as the SPA does.
          const event = ConsoleEventSchema.safeParse(JSON.parse(data.join('\n')));
          if (event.success) onEvent(event.data, receivedAt);
        }
      }
    } catch (err) {
      // Events after this are missed; the benchmark reports them as not received.
      if (!controller.signal.aborted) console.error(`[bench] GET /api/events stopped: ${String(err)}`);
    }
  })();

  return {
    close: async () => {
      controller.abort();
      await reading;
    },
  };
}
