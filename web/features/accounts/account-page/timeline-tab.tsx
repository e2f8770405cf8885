import { CircleAlertIcon, ShieldCheckIcon, WebhookIcon } from 'lucide-react';
import type { Account } from '../../../../shared/schemas/account.ts';
import type { TimelineEntry } from '../../../../shared/schemas/account-detail.ts';
import { EmptyState } from '../../../components/feedback/empty-state.tsx';
import { Badge, type BadgeProps } from '../../../components/ui/badge.tsx';
import { formatDateTime, formatRelative } from '../../../../shared/format.ts';
import { useNow } from '../../../lib/use-now.ts';
import { timelineStory, type StoryItem } from './timeline-story.ts';

const OUTCOME_VARIANT: Record<string, BadgeProps['variant']> = {
  failure: 'destructive',
  failed: 'destructive',
  pending: 'warning',
  denied: 'warning',
  ignored: 'muted',
  duplicate: 'muted',
};

const ICONS = { webhook: WebhookIcon, audit: ShieldCheckIcon, baseline: CircleAlertIcon };
const SOURCE = { webhook: 'StackOne', audit: 'Switchboard', baseline: 'StackOne' };

function StoryDetails({ item }: { item: StoryItem }) {
  if (item.entries.length === 0) return null;
  return (
    <details className="group text-xs">
      <summary className="w-fit cursor-pointer text-muted-foreground select-none hover:text-foreground">
        Details
      </summary>
      <ul className="mt-2 grid gap-2">
        {item.entries.map((entry, i) => (
          <li key={`${entry.at}-${i}`} className="grid gap-1">
            <p className="text-muted-foreground">
              <code className="font-mono">{entry.action}</code> · {formatDateTime(entry.at)}
              {entry.outcome && <> · {entry.outcome}</>}
            </p>
            {Object.keys(entry.detail).length > 0 && (
              <pre className="max-h-72 overflow-auto rounded-md bg-muted p-3 font-mono text-xs">
                {JSON.stringify(entry.detail, null, 2)}
              </pre>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** What happened to the account, newest first, told in words (the raw entries under "Details"). */
export function TimelineTab({
  entries,
  account,
}: {
  entries: readonly TimelineEntry[];
  account: Pick<Account, 'status' | 'statusReasons' | 'createdAt'>;
}) {
  const now = useNow();
  const story = timelineStory(entries, account);
  if (story.length === 0) {
    return (
      <EmptyState
        title="Nothing happened to this account yet"
        description="Webhooks from StackOne and actions taken in Switchboard appear here."
      />
    );
  }
  return (
    <ol className="relative grid gap-0" aria-label="Timeline">
      {story.map((item, i) => {
        const Icon = ICONS[item.kind];
        return (
          <li key={`${item.at}-${item.title}-${i}`} className="relative flex gap-3 pb-5 last:pb-0">
            {i < story.length - 1 && (
              <span className="absolute top-7 bottom-0 left-[13px] w-px bg-border" aria-hidden />
            )}
            <span className="z-10 flex size-7 shrink-0 items-center justify-center rounded-full border bg-background text-muted-foreground">
              <Icon className="size-3.5" aria-hidden />
            </span>
            <div className="grid min-w-0 flex-1 gap-1 pt-0.5">
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <span className="font-medium">{item.title}</span>
                {item.change && <span className="font-mono text-[13px]">{item.change}</span>}
                <Badge variant="outline" className="font-normal">
                  {SOURCE[item.kind]}
                </Badge>
                {item.outcome && (
                  <Badge variant={OUTCOME_VARIANT[item.outcome] ?? 'secondary'} className="font-normal">
                    {item.outcome}
                  </Badge>
                )}
              </div>
              {item.note && <p className="text-sm break-words text-muted-foreground">{item.note}</p>}
              <p className="text-xs text-muted-foreground">
                <time dateTime={item.at} title={formatDateTime(item.at)}>
                  {formatDateTime(item.at)} · {formatRelative(item.at, now)}
                </time>
                {item.actor && <> · by {item.actor}</>}
              </p>
              <StoryDetails item={item} />
            </div>
          </li>
        );
      })}
    </ol>
  );
}
