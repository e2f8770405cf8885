import { createFileRoute, stripSearchParams } from '@tanstack/react-router';
import { PageSkeleton } from '../../components/feedback/page-skeleton.tsx';
import { RouteError } from '../../components/feedback/route-error.tsx';
import { OVERVIEW_SEARCH_DEFAULTS, OverviewSearchSchema } from '../../features/overview/overview-search.ts';
import { OverviewScreen } from '../../features/overview/overview-screen.tsx';
import { overviewQueries } from '../../lib/queries/overview.ts';

export const Route = createFileRoute('/_app/')({
  validateSearch: OverviewSearchSchema,
  search: { middlewares: [stripSearchParams(OVERVIEW_SEARCH_DEFAULTS)] },
  staticData: {
    // Asked alongside the session check on a first load (see the accounts route).
    warm: ({ queryClient }) => {
      void queryClient.prefetchQuery({
        ...overviewQueries.summary(),
        meta: { handlesUnauthenticated: true, silent: true },
      });
    },
  },
  loader: ({ context: { queryClient } }) => queryClient.ensureQueryData(overviewQueries.summary()),
  pendingComponent: PageSkeleton,
  errorComponent: RouteError,
  component: OverviewRoute,
});

function OverviewRoute() {
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  return (
    <OverviewScreen
      search={search}
      onSearchChange={(next) => void navigate({ search: next, replace: true })}
    />
  );
}
