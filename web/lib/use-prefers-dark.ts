import { useSyncExternalStore } from 'react';

const QUERY = '(prefers-color-scheme: dark)';

// Not every environment has matchMedia (jsdom in component tests): light then.
const media = () => (typeof window.matchMedia === 'function' ? window.matchMedia(QUERY) : null);

const subscribe = (onChange: () => void) => {
  const query = media();
  query?.addEventListener('change', onChange);
  return () => query?.removeEventListener('change', onChange);
};

/** The system's colour scheme, live: the console has no theme setting of its own. */
export function usePrefersDark(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => media()?.matches ?? false,
    () => false,
  );
}
