import { createFileRoute, stripSearchParams } from '@tanstack/react-router';
import { RouteError } from '../../../components/feedback/route-error.tsx';
import { AccountsPending } from '../../../features/accounts/accounts-pending.tsx';
import { AccountsScreen } from '../../../features/accounts/accounts-screen.tsx';
import { type AccountsSearch } from '../../../features/accounts/accounts-search.ts';
import {
  ACCOUNTS_SEARCH_DEFAULTS,
  AccountsSearchSchema,
} from '../../../../shared/schemas/accounts-search.ts';
import { accountQueries } from '../../../lib/queries/accounts.ts';
import { connectorQueries } from '../../../lib/queries/connectors.ts';

export const Route = createFileRoute('/_app/accounts/')({
  validateSearch: AccountsSearchSchema,
  search: { middlewares: [stripSearchParams(ACCOUNTS_SEARCH_DEFAULTS)] },
  loaderDeps: ({ search }) => search,
  staticData: {
    // Asked alongside the session check on a first load; the loader below then joins the request.
    // A 401 here is the session check's to handle (it redirects to /login), not a second redirect.
    // The connector names and logos are asked at the same time, so the rows are drawn once with them.
    warm: ({ queryClient, search }) => {
      void queryClient.prefetchQuery({
        ...accountQueries.list(search as AccountsSearch),
        meta: { handlesUnauthenticated: true, silent: true },
      });
      void queryClient.prefetchQuery({
        ...connectorQueries.list(),
        meta: { handlesUnauthenticated: true, silent: true },
      });
    },
  },
  loader: async ({ context: { queryClient }, deps, cause }) => {
    // Entering the page waits for its data; a filter or page change within it does not, so the
    // controls answer at once and the previous rows stay (dimmed) until the new page arrives.
    if (cause === 'enter') {
      void queryClient.prefetchQuery(connectorQueries.list());
      await queryClient.ensureQueryData(accountQueries.list(deps));
    } else void queryClient.prefetchQuery(accountQueries.list(deps));
  },
  pendingComponent: AccountsPending,
  errorComponent: RouteError,
  component: AccountsRoute,
});

function AccountsRoute() {
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  const onSearchChange = (next: AccountsSearch, options?: { replace?: boolean }) =>
    void navigate({ search: next, replace: options?.replace ?? next.q !== search.q });
  return <AccountsScreen search={search} onSearchChange={onSearchChange} />;
}
