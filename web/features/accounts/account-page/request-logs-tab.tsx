import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorState } from '../../../components/feedback/error-state.tsx';
import { EmptyState } from '../../../components/feedback/empty-state.tsx';
import { TableSkeleton } from '../../../components/feedback/table-skeleton.tsx';
import { Badge } from '../../../components/ui/badge.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Checkbox } from '../../../components/ui/checkbox.tsx';
import { Label } from '../../../components/ui/label.tsx';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '../../../components/ui/table.tsx';
import { cn } from '../../../lib/cn.ts';
import { formatDateTime } from '../../../../shared/format.ts';
import { accountQueries } from '../../../lib/queries/accounts.ts';
import { RequestLogDetailDialog } from './request-log-detail-dialog.tsx';

const isFailure = (log: { success: boolean | null; status: number | null }) =>
  log.success === false || (log.status !== null && log.status >= 400);

export interface RequestLogsTabProps {
  accountId: string;
  /** Show failed requests only: view state, so the caller keeps it (the account page, in the URL). */
  failedOnly: boolean;
  onFailedOnlyChange: (failedOnly: boolean) => void;
}

/** StackOne's request logs for the account, failures highlighted, paged with StackOne's cursor. */
export function RequestLogsTab({ accountId, failedOnly, onFailedOnlyChange }: RequestLogsTabProps) {
  const [opened, setOpened] = useState<{ id: string; at: string | null } | null>(null);
  const query = useInfiniteQuery(accountQueries.logs(accountId, failedOnly));
  const filter = (
    <div className="flex items-center gap-2">
      <Checkbox
        id="request-logs-failed-only"
        checked={failedOnly}
        onCheckedChange={(checked) => onFailedOnlyChange(checked === true)}
      />
      <Label htmlFor="request-logs-failed-only">Failed only</Label>
    </div>
  );
  const detail = opened && (
    <RequestLogDetailDialog
      accountId={accountId}
      logId={opened.id}
      at={opened.at}
      onClose={() => setOpened(null)}
    />
  );
  if (query.isError && !query.data) {
    return (
      <ErrorState
        error={query.error}
        title="Request logs could not be loaded"
        onRetry={() => void query.refetch()}
      />
    );
  }
  const logs = query.data?.pages.flatMap((p) => p.items) ?? [];
  const skipped = query.data?.pages.reduce((sum, p) => sum + p.skipped, 0) ?? 0;
  if (query.isSuccess && logs.length === 0 && skipped === 0 && !query.hasNextPage) {
    return (
      <div className="grid gap-3">
        {filter}
        <EmptyState
          title={failedOnly ? 'No failed requests' : 'No request logs'}
          description={
            failedOnly
              ? 'StackOne has logged no failed request made with this account.'
              : 'StackOne has not logged any request made with this account.'
          }
        />
      </div>
    );
  }
  return (
    <div className="grid gap-3">
      {filter}
      {detail}
      <div className="overflow-x-auto rounded-lg border bg-background">
        <Table aria-label="Request logs" aria-busy={query.isPending || undefined}>
          <TableHeader>
            <TableRow className="hover:bg-transparent">
              <TableHead>Time</TableHead>
              <TableHead>Request</TableHead>
              <TableHead>Status</TableHead>
              <TableHead className="text-right">Duration</TableHead>
              <TableHead>Request ID</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {query.isPending ? (
              <TableSkeleton columns={5} rows={6} />
            ) : (
              logs.map((log, index) => {
                const failed = isFailure(log);
                return (
                  <TableRow
                    key={log.requestId ?? `entry-${index}`}
                    data-failed={failed || undefined}
                    className={cn(
                      failed && 'bg-red-50/70 hover:bg-red-50 dark:bg-red-950/40 dark:hover:bg-red-950/60',
                      log.requestId && 'cursor-pointer',
                    )}
                    onClick={() => log.requestId && setOpened({ id: log.requestId, at: log.at })}
                  >
                    <TableCell className="text-muted-foreground tabular-nums">
                      {log.at ? formatDateTime(log.at) : '—'}
                    </TableCell>
                    <TableCell className="max-w-md truncate">
                      {log.requestId ? (
                        <button
                          type="button"
                          className="max-w-full truncate rounded-sm text-left outline-none hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/50"
                          title={log.url ?? undefined}
                          onClick={(e) => {
                            e.stopPropagation();
                            setOpened({ id: log.requestId!, at: log.at });
                          }}
                        >
                          <span className="mr-2 font-mono text-xs font-semibold">{log.method ?? '—'}</span>
                          <span className="font-mono text-xs">{log.path ?? log.url ?? '—'}</span>
                        </button>
                      ) : (
                        <>
                          <span className="mr-2 font-mono text-xs font-semibold">{log.method ?? '—'}</span>
                          <span className="font-mono text-xs" title={log.url ?? undefined}>
                            {log.path ?? log.url ?? '—'}
                          </span>
                        </>
                      )}
                    </TableCell>
                    <TableCell>
                      {log.status === null ? (
                        '—'
                      ) : (
                        <Badge variant={failed ? 'destructive' : 'success'} className="font-mono">
                          {log.status}
                          {failed && <span className="sr-only"> (failed)</span>}
                        </Badge>
                      )}
                    </TableCell>
                    <TableCell className="text-right text-muted-foreground tabular-nums">
                      {log.durationMs === null ? '—' : `${Math.round(log.durationMs)} ms`}
                    </TableCell>
                    <TableCell className="font-mono text-xs text-muted-foreground">
                      {log.requestId ?? '—'}
                    </TableCell>
                  </TableRow>
                );
              })
            )}
          </TableBody>
        </Table>
      </div>
      {skipped > 0 && (
        <p className="text-sm text-muted-foreground" role="status">
          {skipped === 1
            ? '1 log entry from StackOne could not be read and is not shown.'
            : `${skipped} log entries from StackOne could not be read and are not shown.`}
        </p>
      )}
      {query.hasNextPage && (
        <Button
          variant="outline"
          size="sm"
          className="w-fit justify-self-center"
          onClick={() => void query.fetchNextPage()}
          disabled={query.isFetchingNextPage}
        >
          {query.isFetchingNextPage ? 'Loading…' : 'Load more'}
        </Button>
      )}
    </div>
  );
}
