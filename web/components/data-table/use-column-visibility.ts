import type { VisibilityState } from '@tanstack/react-table';
import { useCallback, useState } from 'react';

function read(key: string, fallback: VisibilityState): VisibilityState {
  try {
    const raw = localStorage.getItem(key);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return { ...fallback, ...(parsed as VisibilityState) };
    }
  } catch {
    // Storage blocked or corrupt: the defaults will do.
  }
  return fallback;
}

/** Column visibility remembered per browser (a personal preference, so not in the URL). */
export function useColumnVisibility(storageKey: string, defaults: VisibilityState = {}) {
  const [visibility, setVisibility] = useState<VisibilityState>(() => read(storageKey, defaults));
  const onVisibilityChange = useCallback(
    (updater: VisibilityState | ((old: VisibilityState) => VisibilityState)) => {
      setVisibility((old) => {
        const next = typeof updater === 'function' ? updater(old) : updater;
        try {
          localStorage.setItem(storageKey, JSON.stringify(next));
        } catch {
          // Not remembered; still applied.
        }
        return next;
      });
    },
    [storageKey],
  );
  return [visibility, onVisibilityChange] as const;
}
