import { createFileRoute, stripSearchParams } from '@tanstack/react-router';
import { z } from 'zod';
import { PageSkeleton } from '../../../components/feedback/page-skeleton.tsx';
import { RouteError } from '../../../components/feedback/route-error.tsx';
import { AccountPage } from '../../../features/accounts/account-page/account-page.tsx';
import { ACCOUNT_TABS } from '../../../features/accounts/account-page/account-tab.ts';
import { accountQueries } from '../../../lib/queries/accounts.ts';

const AccountPageSearchSchema = z.object({ tab: z.enum(ACCOUNT_TABS).default('timeline').catch('timeline') });

export const Route = createFileRoute('/_app/accounts/$accountId')({
  validateSearch: AccountPageSearchSchema,
  search: { middlewares: [stripSearchParams({ tab: 'timeline' as const })] },
  loader: ({ context: { queryClient }, params }) =>
    queryClient.ensureQueryData(accountQueries.detail(params.accountId)),
  pendingComponent: PageSkeleton,
  errorComponent: RouteError,
  component: AccountRoute,
});

function AccountRoute() {
  const { accountId } = Route.useParams();
  const { tab } = Route.useSearch();
  const navigate = Route.useNavigate();
  return (
    <AccountPage
      accountId={accountId}
      tab={tab}
      onTabChange={(next) => void navigate({ search: { tab: next }, replace: true })}
    />
  );
}
