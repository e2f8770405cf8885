import type { QueryClient } from '@tanstack/react-query';
import type { AnyRouter } from '@tanstack/react-router';
import type { FirstPaintData } from '../../shared/schemas/first-paint-data.ts';
import { accountKeys } from './queries/accounts.ts';
import { connectorKeys } from './queries/connectors.ts';
import { sessionKeys } from './queries/session.ts';

let seeded = false;

/**
 * The server may send a screen's first rows drawn in the HTML (server/first-paint), as an inert
 * picture over the page, with the answers that screen asks for. They go into the query cache, as
 * read at the server's `readAt`, before the router starts, so the first screen draws without a
 * round trip.
 */
export function seedFromFirstPaint(queryClient: QueryClient): void {
  const block = document.getElementById('first-paint-data');
  if (!block) return;
  block.remove();
  let data: FirstPaintData;
  try {
    data = JSON.parse(block.textContent ?? '') as FirstPaintData;
  } catch {
    return; // A picture without its answers: the screen asks for them as usual.
  }
  const at = { updatedAt: data.readAt };
  queryClient.setQueryData(sessionKeys.me(), data.me, at);
  queryClient.setQueryData(sessionKeys.setup(), data.setup, at);
  queryClient.setQueryData(accountKeys.list(data.search), data.list, at);
  if (data.connectors) queryClient.setQueryData(connectorKeys.list(), data.connectors, at);
  seeded = true;
}

/**
 * True once after seeding: changes between the server's read and the event stream's opening were
 * not sent to this page, so its first opening refetches what the seed holds.
 */
export function takeFirstPaintSeed(): boolean {
  const was = seeded;
  seeded = false;
  return was;
}

export function removeFirstPaint(): void {
  document.getElementById('first-paint')?.remove();
}

/**
 * The picture goes once the router has drawn its first screen under it, whatever that screen is
 * (the same rows, an error, the sign-in form); main.tsx also removes it when the app fails.
 */
export function removeFirstPaintOnFirstRender(router: AnyRouter): void {
  if (!document.getElementById('first-paint')) return;
  const unsubscribe = router.subscribe('onRendered', () => {
    unsubscribe();
    removeFirstPaint();
  });
}
