import { createFileRoute, stripSearchParams } from '@tanstack/react-router';
import { PageSkeleton } from '../../components/feedback/page-skeleton.tsx';
import { RouteError } from '../../components/feedback/route-error.tsx';
import {
  incidentListQuery,
  INCIDENTS_SEARCH_DEFAULTS,
  IncidentsSearchSchema,
  type IncidentsSearch,
} from '../../features/incidents/incidents-search.ts';
import { IncidentsScreen } from '../../features/incidents/incidents-screen.tsx';
import { incidentQueries } from '../../lib/queries/incidents.ts';

export const Route = createFileRoute('/_app/incidents')({
  validateSearch: IncidentsSearchSchema,
  search: { middlewares: [stripSearchParams(INCIDENTS_SEARCH_DEFAULTS)] },
  loaderDeps: ({ search }) => incidentListQuery(search),
  loader: async ({ context: { queryClient }, deps, cause }) => {
    // Entering waits for the first page; a filter or page change keeps the previous rows on screen.
    if (cause === 'enter') await queryClient.ensureQueryData(incidentQueries.list(deps));
    else void queryClient.prefetchQuery(incidentQueries.list(deps));
  },
  pendingComponent: PageSkeleton,
  errorComponent: RouteError,
  component: IncidentsRoute,
});

function IncidentsRoute() {
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  const onSearchChange = (next: IncidentsSearch) =>
    void navigate({ search: next, replace: next.q !== search.q });
  return <IncidentsScreen search={search} onSearchChange={onSearchChange} />;
}
