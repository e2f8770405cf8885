import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { AlertTriangleIcon } from 'lucide-react';
import { AccountListQuerySchema } from '../../../shared/schemas/account-filters.ts';
import { ErrorState } from '../../components/feedback/error-state.tsx';
import { ProviderName } from '../../components/provider/provider-name.tsx';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card.tsx';
import { RelativeTime } from '../../components/ui/relative-time.tsx';
import { Skeleton } from '../../components/ui/skeleton.tsx';
import { accountQueries } from '../../lib/queries/accounts.ts';
import { AccountStatusBadge } from '../accounts/account-status-badge.tsx';

const ATTENTION_LIMIT = 10;

/**
 * The customer's accounts that need attention: in error or inactive, from the accounts API.
 * Seam: once incidents are on main (`GET /api/incidents?ownerId=`), this becomes the customer's open
 * incidents, with their state and assignee; the section keeps its heading and place on the page.
 */
export function CustomerAttention({ ownerId }: { ownerId: string }) {
  const query = useQuery(
    accountQueries.list(
      AccountListQuerySchema.parse({ ownerId, status: ['error', 'inactive'], pageSize: ATTENTION_LIMIT }),
    ),
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2 text-base">
          <AlertTriangleIcon className="size-4 text-amber-600" aria-hidden />
          Needs attention
        </CardTitle>
      </CardHeader>
      <CardContent>
        {query.isPending ? (
          <Skeleton className="h-16 w-full" />
        ) : query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : query.data.items.length === 0 ? (
          <p className="text-sm text-muted-foreground">Every account of this customer is working.</p>
        ) : (
          <ul className="divide-y" aria-label="Accounts that need attention">
            {query.data.items.map((account) => (
              <li key={account.id} className="flex flex-wrap items-center gap-3 py-2 text-sm">
                <AccountStatusBadge status={account.status} />
                <Link
                  to="/accounts/$accountId"
                  params={{ accountId: account.id }}
                  className="font-medium hover:underline"
                >
                  <ProviderName account={account} />
                </Link>
                {account.label && <span className="text-muted-foreground">{account.label}</span>}
                <span className="ml-auto text-xs text-muted-foreground">
                  {account.statusReasons[0]?.description ?? 'No reason given'} ·{' '}
                  <RelativeTime value={account.updatedAt} />
                </span>
              </li>
            ))}
            {query.data.total > ATTENTION_LIMIT && (
              <li className="pt-2 text-xs text-muted-foreground">
                and {query.data.total - ATTENTION_LIMIT} more in the table below (filter Status).
              </li>
            )}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
