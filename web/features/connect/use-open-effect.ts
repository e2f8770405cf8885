import { useEffect, useRef } from 'react';

/**
 * Runs `onOpen` once each time `open` turns true (and not twice under StrictMode's effect replay),
 * so a dialog asks for a fresh connect session every time it is opened, never before.
 */
export function useOpenEffect(open: boolean, onOpen: () => void): void {
  const ran = useRef(false);
  const latest = useRef(onOpen);
  useEffect(() => {
    latest.current = onOpen;
  });
  useEffect(() => {
    if (!open) {
      ran.current = false;
      return;
    }
    if (ran.current) return;
    ran.current = true;
    latest.current();
  }, [open]);
}
