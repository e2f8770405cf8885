import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { ConsoleEventSchema } from '../../../shared/schemas/events.ts';
import { takeFirstPaintSeed } from '../first-paint.ts';
import { createConsoleEventHandler } from './console-event-handler.ts';

const EVENT_TYPES = [
  'account.changed',
  'sync.progress',
  'incident.changed',
  'link.changed',
  'links.job',
] as const;
const RETRY_MIN_MS = 2_000;
const RETRY_MAX_MS = 60_000;

/**
 * Subscribes to `GET /api/events` while mounted (once, in the signed-in layout). EventSource
 * reconnects by itself with Last-Event-ID; when the browser gives up (the stream answered an
 * error status) we reopen it with a backoff.
 */
export function useConsoleEvents(): void {
  const queryClient = useQueryClient();

  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const handler = createConsoleEventHandler(queryClient);
    let source: EventSource | undefined;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let retryDelay = RETRY_MIN_MS;
    let hadError = false;
    let closed = false;

    const onMessage = (message: MessageEvent<string>) => {
      let data: unknown;
      try {
        data = JSON.parse(message.data);
      } catch {
        return;
      }
      const parsed = ConsoleEventSchema.safeParse(data);
      if (parsed.success) handler.handle(parsed.data);
    };

    const open = () => {
      source = new EventSource('/api/events');
      for (const type of EVENT_TYPES) source.addEventListener(type, onMessage);
      source.addEventListener('open', () => {
        retryDelay = RETRY_MIN_MS;
        if (hadError || takeFirstPaintSeed()) handler.resync();
        hadError = false;
      });
      source.addEventListener('error', () => {
        hadError = true;
        if (source?.readyState === EventSource.CLOSED && !closed) {
          source = undefined;
          retryTimer = setTimeout(open, retryDelay);
          retryDelay = Math.min(retryDelay * 2, RETRY_MAX_MS);
        }
      });
    };
    open();

    return () => {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      source?.close();
      handler.dispose();
    };
  }, [queryClient]);
}
