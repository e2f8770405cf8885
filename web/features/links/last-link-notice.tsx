import { useQuery } from '@tanstack/react-query';
import { LinkListQuerySchema } from '../../../shared/schemas/links.ts';
import { formatDateTime } from '../../../shared/format.ts';
import { linkQueries } from '../../lib/queries/links.ts';
import { LinkStateBadge } from './link-state-badge.tsx';

/** The account's newest link and where it got to, shown before another is made (a new one replaces it). */
export function LastLinkNotice({ accountId }: { accountId: string }) {
  const query = useQuery(linkQueries.list(LinkListQuerySchema.parse({ accountId, pageSize: 1 })));
  if (query.isPending) return <p className="text-sm text-muted-foreground">Looking for earlier links…</p>;
  if (query.isError)
    return <p className="text-sm text-muted-foreground">Earlier links could not be loaded.</p>;
  const last = query.data.items[0];
  if (!last)
    return <p className="text-sm text-muted-foreground">No link has been sent for this account yet.</p>;
  const live = last.state === 'sent' || last.state === 'opened';
  return (
    <div className="grid gap-1 rounded-md border p-3 text-sm" role="status" aria-label="Last link">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">Last link</span>
        <LinkStateBadge state={last.state} />
      </div>
      <p className="text-muted-foreground">
        Sent {formatDateTime(last.createdAt)}
        {last.createdBy ? ` by ${last.createdBy}` : ''}
        {last.openCount > 0
          ? `, opened ${last.openCount} ${last.openCount === 1 ? 'time' : 'times'}`
          : ', not opened'}
        {last.completedAt ? `, completed ${formatDateTime(last.completedAt)}` : ''}.
      </p>
      {live && <p>A new link replaces it: the old one stops working.</p>}
    </div>
  );
}
