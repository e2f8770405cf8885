import { AlertTriangleIcon, CheckCircle2Icon, ClockIcon, RefreshCwIcon } from 'lucide-react';
import type { AccountListResponse, SyncStatus } from '../../../shared/schemas/account-filters.ts';
import type { SyncProgressEvent } from '../../../shared/schemas/events.ts';
import { Progress } from '../../components/ui/progress.tsx';
import { useSyncProgress } from '../../lib/events/sync-progress.ts';
import { formatNumber, formatRelative, formatTime } from '../../../shared/format.ts';
import { useNow } from '../../lib/use-now.ts';

/** A sync status and when the last full sync succeeded. */
export type SyncView = SyncStatus & { syncedAt: string | null };

/**
 * What the indicator shows: the live `sync.progress` status when it is newer than the list's answer,
 * else the list's own. Both carry the same SyncStatus; a run that just succeeded is the last sync.
 */
export function syncView(
  sync: SyncStatus,
  syncedAt: string | null,
  live: SyncProgressEvent | null,
  fetchedAt: number,
): SyncView {
  if (!live || Date.parse(live.at) < fetchedAt) return { ...sync, syncedAt };
  const { type: _type, at: _at, ...status } = live;
  return { ...status, syncedAt: status.state === 'idle' ? (status.finishedAt ?? syncedAt) : syncedAt };
}

export function SyncIndicator({
  data,
  fetchedAt,
}: {
  data: Pick<AccountListResponse, 'sync' | 'syncedAt'>;
  fetchedAt: number;
}) {
  const now = useNow();
  const live = useSyncProgress();
  const view = syncView(data.sync, data.syncedAt, live, fetchedAt);

  if (view.state === 'running') {
    const value = view.total ? Math.min(100, (view.seen / view.total) * 100) : null;
    const limitedUntil =
      view.rateLimitedUntil && Date.parse(view.rateLimitedUntil) > now ? view.rateLimitedUntil : null;
    return (
      <div className="flex min-w-52 flex-col gap-1.5" role="status">
        {limitedUntil ? (
          <span className="flex items-center gap-1.5 text-xs text-amber-700 dark:text-amber-400">
            <ClockIcon className="size-3.5" aria-hidden />
            Rate limited by StackOne until {formatTime(limitedUntil)}
          </span>
        ) : (
          <span className="flex items-center gap-1.5 text-xs text-muted-foreground">
            <RefreshCwIcon className="size-3.5 animate-spin" aria-hidden />
            Syncing with StackOne… {formatNumber(view.seen)}
            {view.total ? ` of ${formatNumber(view.total)}` : ''} accounts
          </span>
        )}
        <Progress value={value} aria-label="Sync progress" />
      </div>
    );
  }
  if (view.state === 'failed') {
    return (
      <span
        role="status"
        className="flex items-center gap-1.5 text-xs text-amber-700 dark:text-amber-400"
        title={view.error ?? undefined}
      >
        <AlertTriangleIcon className="size-3.5" aria-hidden />
        Sync failed{view.syncedAt ? ` · last synced ${formatRelative(view.syncedAt, now)}` : ''}
      </span>
    );
  }
  const synced = view.syncedAt ? `Synced ${formatRelative(view.syncedAt, now)}` : 'Not synced yet';
  if (view.warning) {
    // The listing looked wrong or incomplete: nothing was deleted on its strength (the text says why).
    return (
      <div role="status" className="flex max-w-md flex-col gap-0.5 text-xs">
        <span className="flex items-center gap-1.5 text-muted-foreground">
          <AlertTriangleIcon className="size-3.5 text-amber-600 dark:text-amber-400" aria-hidden />
          {synced}
        </span>
        <span className="text-amber-700 dark:text-amber-400">{view.warning}</span>
      </div>
    );
  }
  return (
    <span role="status" className="flex items-center gap-1.5 text-xs text-muted-foreground">
      <CheckCircle2Icon className="size-3.5 text-emerald-600 dark:text-emerald-400" aria-hidden />
      {synced}
    </span>
  );
}
