import type { AnyRouter } from '@tanstack/react-router';

/**
 * The server may send a screen's first rows drawn in the HTML (server/first-paint), as an inert
 * picture over the page. It goes once the router has drawn its first screen under it, whatever that
 * screen is (the same rows, an error, the sign-in form).
 */
export function removeFirstPaintOnFirstRender(router: AnyRouter): void {
  if (!document.getElementById('first-paint')) return;
  const unsubscribe = router.subscribe('onRendered', () => {
    unsubscribe();
    document.getElementById('first-paint')?.remove();
  });
}
