import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, Outlet, type AnyRouteMatch } from '@tanstack/react-router';
import { NotFound } from '../components/feedback/not-found.tsx';
import { Toaster } from '../components/ui/sonner.tsx';
import { TooltipProvider } from '../components/ui/tooltip.tsx';

export interface RouterContext {
  queryClient: QueryClient;
  /** Starts the matched screen's code and data at once (see lib/warm-screen.ts). */
  warmScreen?: (matches: readonly AnyRouteMatch[], options: { data: boolean }) => void;
}

export const Route = createRootRouteWithContext<RouterContext>()({
  component: RootLayout,
  notFoundComponent: NotFound,
});

function RootLayout() {
  const { queryClient } = Route.useRouteContext();
  return (
    <QueryClientProvider client={queryClient}>
      <TooltipProvider>
        <Outlet />
        <Toaster />
      </TooltipProvider>
    </QueryClientProvider>
  );
}
