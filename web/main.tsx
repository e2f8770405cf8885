import { createRouter, RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PageSkeleton } from './components/feedback/page-skeleton.tsx';
import { RouteError } from './components/feedback/route-error.tsx';
import { NotFound } from './components/feedback/not-found.tsx';
import { ApiError } from './lib/api-error.ts';
import { removeFirstPaint, removeFirstPaintOnFirstRender, seedFromFirstPaint } from './lib/first-paint.ts';
import { createQueryClient } from './lib/query-client.ts';
import { sessionKeys } from './lib/queries/session.ts';
import { parseSearch, stringifySearch } from '../shared/search-params.ts';
import { warmScreen } from './lib/warm-screen.ts';
import { routeTree } from './route-tree.gen.ts';
import '@fontsource-variable/inter/wght.css';
import './styles.css';

const queryClient = createQueryClient({
  onUnauthenticated() {
    const location = router.state.location;
    if (location.pathname === '/login' || location.pathname === '/setup') return;
    queryClient.removeQueries({ queryKey: sessionKeys.all });
    void router.navigate({ to: '/login', search: { redirect: location.href }, replace: true });
  },
});

seedFromFirstPaint(queryClient);

const router = createRouter({
  routeTree,
  context: {
    queryClient,
    warmScreen: (matches, options) => warmScreen(router, queryClient, matches, options),
  },
  parseSearch,
  stringifySearch,
  defaultPreload: 'intent',
  // TanStack Query owns freshness; the router must always ask it.
  defaultPreloadStaleTime: 0,
  defaultPendingComponent: PageSkeleton,
  defaultErrorComponent: RouteError,
  defaultNotFoundComponent: NotFound,
  scrollRestoration: true,
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}

removeFirstPaintOnFirstRender(router);

createRoot(document.getElementById('root')!, {
  // A failed API call caught by a route's error component is shown to the user, not a bug to log.
  onCaughtError(error, info) {
    if (error instanceof ApiError) return;
    console.error(error, info.componentStack);
  },
  // The app is gone: the server's picture must not stay over it, looking alive.
  onUncaughtError(error, info) {
    removeFirstPaint();
    console.error(error, info.componentStack);
  },
}).render(
  <StrictMode>
    <RouterProvider router={router} />
  </StrictMode>,
);
