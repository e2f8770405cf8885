import type { QueryClient } from '@tanstack/react-query';
import type { AnyRoute, AnyRouteMatch, AnyRouter } from '@tanstack/react-router';

export interface WarmContext {
  queryClient: QueryClient;
  /** The route's validated search (its loaderDeps read the same object). */
  search: unknown;
  params: Record<string, string>;
}

declare module '@tanstack/react-router' {
  interface StaticDataRouteOption {
    /**
     * Starts the screen's first data request early, while the signed-in layout still checks the
     * session; the loader then joins that request instead of starting its own. Fire and forget:
     * a failure (signed out, server error) is left to the loader, which asks again.
     */
    warm?: (ctx: WarmContext) => void;
  }
}

/**
 * What a screen needs besides the session, started at once: every matched route's code chunks and
 * its `staticData.warm` request. Without this the router asks for them only after `_app` has
 * settled the session, so the screen waited for `/api/me` and then for its code and data in turn.
 */
export function warmScreen(
  router: Pick<AnyRouter, 'routesById' | 'loadRouteChunk'>,
  queryClient: QueryClient,
  matches: readonly Pick<AnyRouteMatch, 'routeId' | 'search' | 'params'>[],
  /** data: false starts the code only (a visitor not known to be signed in would be answered 401). */
  options: { data: boolean } = { data: true },
): void {
  for (const match of matches) {
    const route = (router.routesById as Record<string, AnyRoute | undefined>)[match.routeId];
    if (!route) continue;
    // The router loads the same chunk again when the screen renders (and reports a failure then).
    router.loadRouteChunk(route)?.catch(() => undefined);
    if (!options.data) continue;
    const warm = (route.options.staticData as { warm?: (ctx: WarmContext) => void } | undefined)?.warm;
    warm?.({ queryClient, search: match.search, params: match.params as Record<string, string> });
  }
}
