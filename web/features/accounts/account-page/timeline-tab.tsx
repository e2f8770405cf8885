import { ShieldCheckIcon, WebhookIcon } from 'lucide-react';
import type { TimelineEntry } from '../../../../shared/schemas/account-detail.ts';
import { EmptyState } from '../../../components/feedback/empty-state.tsx';
import { Badge, type BadgeProps } from '../../../components/ui/badge.tsx';
import { formatDateTime, formatRelative } from '../../../lib/format.ts';
import { useNow } from '../../../lib/use-now.ts';

const OUTCOME_VARIANT: Record<string, BadgeProps['variant']> = {
  success: 'success',
  applied: 'success',
  failure: 'destructive',
  failed: 'destructive',
  denied: 'warning',
  ignored: 'muted',
  duplicate: 'muted',
};

/** Webhook events and audit entries of the account, newest first. */
export function TimelineTab({ entries }: { entries: readonly TimelineEntry[] }) {
  const now = useNow();
  if (entries.length === 0) {
    return (
      <EmptyState
        title="Nothing happened to this account yet"
        description="Webhooks from StackOne and actions taken in Switchboard appear here."
      />
    );
  }
  const sorted = [...entries].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return (
    <ol className="relative grid gap-0" aria-label="Timeline">
      {sorted.map((entry, i) => {
        const Icon = entry.kind === 'webhook' ? WebhookIcon : ShieldCheckIcon;
        const hasDetail = Object.keys(entry.detail).length > 0;
        return (
          <li key={`${entry.at}-${entry.action}-${i}`} className="relative flex gap-3 pb-5 last:pb-0">
            {i < sorted.length - 1 && (
              <span className="absolute top-7 bottom-0 left-[13px] w-px bg-border" aria-hidden />
            )}
            <span className="z-10 flex size-7 shrink-0 items-center justify-center rounded-full border bg-background text-muted-foreground">
              <Icon className="size-3.5" aria-hidden />
            </span>
            <div className="grid min-w-0 flex-1 gap-1 pt-0.5">
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <code className="font-mono text-[13px] font-medium">{entry.action}</code>
                <Badge variant="outline" className="font-normal">
                  {entry.kind === 'webhook' ? 'Webhook' : 'Audit'}
                </Badge>
                {entry.outcome && (
                  <Badge variant={OUTCOME_VARIANT[entry.outcome] ?? 'secondary'} className="font-normal">
                    {entry.outcome}
                  </Badge>
                )}
              </div>
              <p className="text-xs text-muted-foreground">
                <time dateTime={entry.at} title={formatDateTime(entry.at)}>
                  {formatDateTime(entry.at)} · {formatRelative(entry.at, now)}
                </time>
                {entry.actor && <> · by {entry.actor}</>}
              </p>
              {hasDetail && (
                <details className="group text-xs">
                  <summary className="w-fit cursor-pointer text-muted-foreground select-none hover:text-foreground">
                    Details
                  </summary>
                  <pre className="mt-2 max-h-72 overflow-auto rounded-md bg-muted p-3 font-mono text-xs">
                    {JSON.stringify(entry.detail, null, 2)}
                  </pre>
                </details>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
