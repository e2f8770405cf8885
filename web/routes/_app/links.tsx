import { createFileRoute, stripSearchParams } from '@tanstack/react-router';
import { PageSkeleton } from '../../components/feedback/page-skeleton.tsx';
import { RouteError } from '../../components/feedback/route-error.tsx';
import { LINKS_SEARCH_DEFAULTS, LinksSearchSchema } from '../../features/links/links-search.ts';
import { LinksScreen } from '../../features/links/links-screen.tsx';
import { linkQueries } from '../../lib/queries/links.ts';

export const Route = createFileRoute('/_app/links')({
  validateSearch: LinksSearchSchema,
  search: { middlewares: [stripSearchParams(LINKS_SEARCH_DEFAULTS)] },
  loaderDeps: ({ search }) => search,
  loader: async ({ context: { queryClient }, deps, cause }) => {
    if (cause === 'enter') await queryClient.ensureQueryData(linkQueries.list(deps));
    else void queryClient.prefetchQuery(linkQueries.list(deps));
  },
  pendingComponent: PageSkeleton,
  errorComponent: RouteError,
  component: LinksRoute,
});

function LinksRoute() {
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  return <LinksScreen search={search} onSearchChange={(next) => void navigate({ search: next })} />;
}
