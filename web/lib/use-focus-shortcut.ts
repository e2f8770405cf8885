import { useEffect, type RefObject } from 'react';

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** Focuses (and selects) the element when `key` is pressed anywhere outside a text field. */
export function useFocusShortcut(ref: RefObject<HTMLInputElement | null>, key = '/'): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== key || event.metaKey || event.ctrlKey || event.altKey) return;
      if (isTyping(event.target) || event.defaultPrevented) return;
      const el = ref.current;
      if (!el) return;
      event.preventDefault();
      el.focus();
      el.select();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [ref, key]);
}
