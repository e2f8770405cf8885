import { createFileRoute, stripSearchParams } from '@tanstack/react-router';
import { PageSkeleton } from '../../components/feedback/page-skeleton.tsx';
import { RouteError } from '../../components/feedback/route-error.tsx';
import { AUDIT_SEARCH_DEFAULTS, AuditSearchSchema } from '../../features/audit/audit-search.ts';
import { AuditScreen } from '../../features/audit/audit-screen.tsx';
import { auditQueries } from '../../lib/queries/audit.ts';

export const Route = createFileRoute('/_app/audit')({
  validateSearch: AuditSearchSchema,
  search: { middlewares: [stripSearchParams(AUDIT_SEARCH_DEFAULTS)] },
  loaderDeps: ({ search }) => search,
  loader: async ({ context: { queryClient }, deps, cause }) => {
    // Entering waits for the first page; a filter or page change keeps the previous rows on screen.
    if (cause === 'enter') await queryClient.ensureQueryData(auditQueries.list(deps));
    else void queryClient.prefetchQuery(auditQueries.list(deps));
  },
  pendingComponent: PageSkeleton,
  errorComponent: RouteError,
  component: AuditRoute,
});

function AuditRoute() {
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  return <AuditScreen search={search} onSearchChange={(next) => void navigate({ search: next })} />;
}
