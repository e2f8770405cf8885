import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { ErrorState } from '../../../components/feedback/error-state.tsx';
import { PageSkeleton } from '../../../components/feedback/page-skeleton.tsx';
import { Alert, AlertDescription, AlertTitle } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '../../../components/ui/tabs.tsx';
import { toApiError } from '../../../lib/api-error.ts';
import { accountQueries } from '../../../lib/queries/accounts.ts';
import { AccountHeader } from './account-header.tsx';
import { AccountProperties } from './account-properties.tsx';
import type { AccountTab } from './account-tab.ts';
import { RawTab } from './raw-tab.tsx';
import { RequestLogsTab } from './request-logs-tab.tsx';
import { StaleBanner } from './stale-banner.tsx';
import { AccountOpenIncident } from '../../incidents/account-open-incident.tsx';
import { StatusReasons } from './status-reasons.tsx';
import { TimelineTab } from './timeline-tab.tsx';
import { AccountLinksLife } from '../../links/account-links-life.tsx';

export interface AccountPageProps {
  accountId: string;
  tab: AccountTab;
  onTabChange: (tab: AccountTab) => void;
  /** The request logs' "Failed only" filter, kept by the caller (in the URL). */
  failedOnly: boolean;
  onFailedOnlyChange: (failedOnly: boolean) => void;
}

/** One account: who, what, why it is broken, what happened to it. Live through the SSE cache updates. */
export function AccountPage({
  accountId,
  tab,
  onTabChange,
  failedOnly,
  onFailedOnlyChange,
}: AccountPageProps) {
  const query = useQuery(accountQueries.detail(accountId));
  const { data: detail } = query;

  if (!detail) {
    if (query.isError) {
      return (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} className="my-6">
          <Button variant="ghost" size="sm" asChild>
            <Link to="/accounts">Back to accounts</Link>
          </Button>
        </ErrorState>
      );
    }
    return <PageSkeleton />;
  }

  const gone =
    detail.account.deletedAt !== null || (query.isError && toApiError(query.error).code === 'not_found');
  return (
    <>
      <AccountHeader account={detail.account} />
      <div className="grid gap-4">
        {gone && (
          <Alert variant="destructive" role="alert">
            <AlertTitle>This account no longer exists in StackOne</AlertTitle>
            <AlertDescription>
              It was deleted or revoked; what you see is its last known state and its history, read-only.
            </AlertDescription>
          </Alert>
        )}
        {detail.stale && <StaleBanner reason={detail.staleReason} syncedAt={detail.account.syncedAt} />}
        <AccountOpenIncident incident={detail.openIncident} />
        <div className="grid items-start gap-4 lg:grid-cols-2">
          <StatusReasons account={detail.account} />
          <AccountProperties detail={detail} />
        </div>
        <Tabs value={tab} onValueChange={(v) => onTabChange(v as AccountTab)} className="mt-2">
          <TabsList>
            <TabsTrigger value="timeline">Timeline</TabsTrigger>
            <TabsTrigger value="logs">Request logs</TabsTrigger>
            <TabsTrigger value="raw">Raw</TabsTrigger>
          </TabsList>
          <TabsContent value="timeline" className="rounded-lg border bg-background p-5">
            <AccountLinksLife accountId={detail.account.id} />
            <TimelineTab entries={detail.timeline} account={detail.account} />
          </TabsContent>
          <TabsContent value="logs">
            <RequestLogsTab
              accountId={accountId}
              failedOnly={failedOnly}
              onFailedOnlyChange={onFailedOnlyChange}
            />
          </TabsContent>
          <TabsContent value="raw">
            <RawTab detail={detail} />
          </TabsContent>
        </Tabs>
      </div>
    </>
  );
}
