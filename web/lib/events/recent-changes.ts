import { useSyncExternalStore } from 'react';

export const HIGHLIGHT_MS = 2000;

const listeners = new Set<() => void>();
const timers = new Map<string, ReturnType<typeof setTimeout>>();
// A new Set on every change, so React sees a new snapshot.
let snapshot: ReadonlySet<string> = new Set();

function emit(next: ReadonlySet<string>) {
  snapshot = next;
  for (const l of listeners) l();
}

/** Marks an account as just changed by a live event; it is un-marked after HIGHLIGHT_MS. */
export function markRecentlyChanged(id: string): void {
  const existing = timers.get(id);
  if (existing) clearTimeout(existing);
  timers.set(
    id,
    setTimeout(() => {
      timers.delete(id);
      const next = new Set(snapshot);
      next.delete(id);
      emit(next);
    }, HIGHLIGHT_MS),
  );
  if (!snapshot.has(id)) emit(new Set(snapshot).add(id));
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Ids of accounts changed in the last HIGHLIGHT_MS. */
export function useRecentChanges(): ReadonlySet<string> {
  return useSyncExternalStore(
    subscribe,
    () => snapshot,
    () => snapshot,
  );
}
