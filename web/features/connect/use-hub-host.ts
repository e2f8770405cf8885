import { useCallback, useEffect, useRef } from 'react';
import { deepActiveElement, deepTabbables } from '../../lib/deep-focus.ts';

const POLL_MS = 100;
/** Polls a Hub with buttons but no fields must look the same before its first button gets focus. */
const STABLE_POLLS = 3;

const isField = (el: Element) =>
  el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement;

/** The Hub's connector search is not something the user would mind losing. */
const isSearchBox = (el: HTMLInputElement | HTMLTextAreaElement) =>
  (el instanceof HTMLInputElement && el.type === 'search') || /^search/i.test(el.placeholder);

/** The user is somewhere of their own choosing (a field, or already in the Hub): leave focus alone. */
const userHasMovedOn = (host: HTMLElement) => {
  const active = document.activeElement;
  return (active !== null && host.contains(active)) || (active !== null && isField(active));
};

/**
 * A callback ref for the element around the Hub. Once the Hub has rendered its form, focus goes to its
 * first field (or, for a Hub with no fields such as OAuth, its first button). `onTyped` is called when
 * the user types a value into one of the Hub's fields.
 */
export function useHubHost(onTyped: () => void) {
  const latest = useRef(onTyped);
  useEffect(() => {
    latest.current = onTyped;
  });
  return useCallback((host: HTMLDivElement | null) => {
    if (!host) return;
    let stable = 0;
    // The Hub's elements live in a shadow root that a MutationObserver on the host cannot see into.
    const timer = window.setInterval(() => {
      if (userHasMovedOn(host)) return window.clearInterval(timer);
      const items = deepTabbables(host);
      const field = items.find((el) => isField(el));
      const button = items.find((el) => el instanceof HTMLButtonElement);
      stable = field ? STABLE_POLLS : button ? stable + 1 : 0;
      const target = field ?? (stable >= STABLE_POLLS ? button : undefined);
      if (!target) return;
      target.focus();
      if (deepActiveElement() === target) window.clearInterval(timer);
    }, POLL_MS);
    const onInput = (e: Event) => {
      const target = e.composedPath()[0];
      if (
        (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) &&
        !isSearchBox(target) &&
        target.value !== ''
      )
        latest.current();
    };
    host.addEventListener('input', onInput);
    return () => {
      window.clearInterval(timer);
      host.removeEventListener('input', onInput);
    };
  }, []);
}
