import { AlertTriangleIcon, CheckCircle2Icon, RefreshCwIcon } from 'lucide-react';
import type { AccountListResponse, SyncStatus } from '../../../shared/schemas/account-filters.ts';
import type { SyncProgressEvent } from '../../../shared/schemas/events.ts';
import { Progress } from '../../components/ui/progress.tsx';
import { useSyncProgress } from '../../lib/events/sync-progress.ts';
import { formatNumber, formatRelative } from '../../lib/format.ts';
import { useNow } from '../../lib/use-now.ts';

export interface SyncView {
  state: SyncStatus['state'];
  seen: number;
  total: number | undefined;
  syncedAt: string | null;
  error: string | null;
}

/**
 * What the indicator shows: the list's sync status, overtaken by a live `sync.progress` event when
 * that is newer than the list's answer.
 */
export function syncView(
  sync: SyncStatus,
  syncedAt: string | null,
  live: SyncProgressEvent | null,
  fetchedAt: number,
): SyncView {
  const base: SyncView = {
    state: sync.state,
    seen: sync.seen,
    total: sync.total,
    syncedAt,
    error: sync.error,
  };
  if (!live || Date.parse(live.at) < fetchedAt) return base;
  return {
    state: live.state,
    seen: live.seen,
    total: live.state === 'running' ? sync.total : undefined,
    syncedAt: live.state === 'idle' ? live.at : syncedAt,
    error: live.state === 'failed' ? (sync.error ?? 'The last sync failed') : null,
  };
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
    return (
      <div className="flex min-w-52 flex-col gap-1.5" role="status">
        <span className="flex items-center gap-1.5 text-xs text-muted-foreground">
          <RefreshCwIcon className="size-3.5 animate-spin" aria-hidden />
          Syncing with StackOne… {formatNumber(view.seen)}
          {view.total ? ` of ${formatNumber(view.total)}` : ''} accounts
        </span>
        <Progress value={value} aria-label="Sync progress" />
      </div>
    );
  }
  if (view.state === 'failed') {
    return (
      <span
        role="status"
        className="flex items-center gap-1.5 text-xs text-amber-700"
        title={view.error ?? undefined}
      >
        <AlertTriangleIcon className="size-3.5" aria-hidden />
        Sync failed{view.syncedAt ? ` · last synced ${formatRelative(view.syncedAt, now)}` : ''}
      </span>
    );
  }
  return (
    <span role="status" className="flex items-center gap-1.5 text-xs text-muted-foreground">
      <CheckCircle2Icon className="size-3.5 text-emerald-600" aria-hidden />
      {view.syncedAt ? `Synced ${formatRelative(view.syncedAt, now)}` : 'Not synced yet'}
    </span>
  );
}
