import { createFileRoute, stripSearchParams } from '@tanstack/react-router';
import { PageSkeleton } from '../../../components/feedback/page-skeleton.tsx';
import { RouteError } from '../../../components/feedback/route-error.tsx';
import { type AccountsSearch } from '../../../features/accounts/accounts-search.ts';
import {
  ACCOUNTS_SEARCH_DEFAULTS,
  AccountsSearchSchema,
} from '../../../../shared/schemas/accounts-search.ts';
import { CustomerPage } from '../../../features/customers/customer-page.tsx';
import { accountQueries } from '../../../lib/queries/accounts.ts';

// The owner is the path's: the table's search leaves it out.
const CustomerSearchSchema = AccountsSearchSchema.omit({ ownerId: true });

export const Route = createFileRoute('/_app/customers/$ownerId')({
  validateSearch: CustomerSearchSchema,
  search: { middlewares: [stripSearchParams(ACCOUNTS_SEARCH_DEFAULTS)] },
  loaderDeps: ({ search }) => search,
  loader: async ({ context: { queryClient }, deps, params, cause }) => {
    const query = accountQueries.list({ ...deps, ownerId: params.ownerId });
    if (cause === 'enter') await queryClient.ensureQueryData(query);
    else void queryClient.prefetchQuery(query);
  },
  pendingComponent: PageSkeleton,
  errorComponent: RouteError,
  component: CustomerRoute,
});

function CustomerRoute() {
  const { ownerId } = Route.useParams();
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  const onSearchChange = ({ ownerId: _owner, ...next }: AccountsSearch) =>
    void navigate({ search: next, replace: next.q !== search.q });
  return <CustomerPage ownerId={ownerId} search={search} onSearchChange={onSearchChange} />;
}
