import { createFileRoute, stripSearchParams } from '@tanstack/react-router';
import { PageSkeleton } from '../../../components/feedback/page-skeleton.tsx';
import { RouteError } from '../../../components/feedback/route-error.tsx';
import { CustomersScreen } from '../../../features/customers/customers-screen.tsx';
import {
  CUSTOMERS_SEARCH_DEFAULTS,
  CustomersSearchSchema,
  type CustomersSearch,
} from '../../../features/customers/customers-search.ts';
import { customerQueries } from '../../../lib/queries/customers.ts';

export const Route = createFileRoute('/_app/customers/')({
  validateSearch: CustomersSearchSchema,
  search: { middlewares: [stripSearchParams(CUSTOMERS_SEARCH_DEFAULTS)] },
  loaderDeps: ({ search }) => search,
  loader: async ({ context: { queryClient }, deps, cause }) => {
    if (cause === 'enter') await queryClient.ensureQueryData(customerQueries.list(deps));
    else void queryClient.prefetchQuery(customerQueries.list(deps));
  },
  pendingComponent: PageSkeleton,
  errorComponent: RouteError,
  component: CustomersRoute,
});

function CustomersRoute() {
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  const onSearchChange = (next: CustomersSearch) =>
    void navigate({ search: next, replace: next.q !== search.q });
  return <CustomersScreen search={search} onSearchChange={onSearchChange} />;
}
