import { expect } from 'vitest';
import type { ConsoleEvent } from '../../shared/schemas/events.ts';
import type { TestConsole } from './console.ts';

/** `GET /api/events` as a browser reads it, frame by frame, collecting every event until closed. */
export async function openEventStream(t: TestConsole) {
  const controller = new AbortController();
  const res = await t.api('/api/events', { signal: controller.signal });
  expect(res.status).toBe(200);
  const events: ConsoleEvent[] = [];
  const reading = (async () => {
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const data = buffer
            .slice(0, end)
            .split('\n')
            .find((line) => line.startsWith('data: '));
          buffer = buffer.slice(end + 2);
          if (data) events.push(JSON.parse(data.slice(6)) as ConsoleEvent);
        }
      }
    } catch {
      // Aborted by close().
    }
  })();
  return {
    events,
    close: async () => {
      controller.abort();
      await reading;
    },
  };
}
