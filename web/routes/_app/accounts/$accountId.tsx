import { createFileRoute, stripSearchParams } from '@tanstack/react-router';
import { z } from 'zod';
import { PageSkeleton } from '../../../components/feedback/page-skeleton.tsx';
import { RouteError } from '../../../components/feedback/route-error.tsx';
import { AccountPage } from '../../../features/accounts/account-page/account-page.tsx';
import { ACCOUNT_TABS } from '../../../features/accounts/account-page/account-tab.ts';
import { accountQueries } from '../../../lib/queries/accounts.ts';

/** `failedOnly=true` as the URL holds it (a string), or as the app navigates with it (a boolean). */
const FailedOnlySchema = z
  .union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')])
  .default(false)
  .catch(false);

const AccountPageSearchSchema = z.object({
  tab: z.enum(ACCOUNT_TABS).default('timeline').catch('timeline'),
  /** The request logs' "Failed only" filter. */
  failedOnly: FailedOnlySchema,
});

export const Route = createFileRoute('/_app/accounts/$accountId')({
  validateSearch: AccountPageSearchSchema,
  search: { middlewares: [stripSearchParams({ tab: 'timeline' as const, failedOnly: false })] },
  loader: ({ context: { queryClient }, params }) =>
    queryClient.ensureQueryData(accountQueries.detail(params.accountId)),
  pendingComponent: PageSkeleton,
  errorComponent: RouteError,
  component: AccountRoute,
});

function AccountRoute() {
  const { accountId } = Route.useParams();
  const { tab, failedOnly } = Route.useSearch();
  const navigate = Route.useNavigate();
  return (
    <AccountPage
      accountId={accountId}
      tab={tab}
      onTabChange={(next) => void navigate({ search: (prev) => ({ ...prev, tab: next }), replace: true })}
      failedOnly={failedOnly}
      // A history entry of its own: back returns to the logs as they were before filtering.
      onFailedOnlyChange={(next) => void navigate({ search: (prev) => ({ ...prev, failedOnly: next }) })}
    />
  );
}
