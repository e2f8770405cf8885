import { useSyncExternalStore } from 'react';
import type { SyncProgressEvent } from '../../../shared/schemas/events.ts';

const listeners = new Set<() => void>();
let latest: SyncProgressEvent | null = null;

/** Keeps the newest `sync.progress` event (events can arrive out of order across reconnects). */
export function setSyncProgress(event: SyncProgressEvent): void {
  if (latest && latest.at > event.at) return;
  latest = event;
  for (const l of listeners) l();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The latest sync progress pushed by the server, or null before the first event. */
export function useSyncProgress(): SyncProgressEvent | null {
  return useSyncExternalStore(
    subscribe,
    () => latest,
    () => latest,
  );
}
