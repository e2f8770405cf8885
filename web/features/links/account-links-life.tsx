import { useQuery } from '@tanstack/react-query';
import { Link2Icon } from 'lucide-react';
import { LinkListQuerySchema, type Link } from '../../../shared/schemas/links.ts';
import { formatDateTime } from '../../../shared/format.ts';
import { linkQueries } from '../../lib/queries/links.ts';
import { LINK_STATE_LABELS, LinkStateBadge } from './link-state-badge.tsx';

/** Each step of a link's life, oldest first, from the ledger entry. */
function steps(link: Link): { label: string; at: string }[] {
  const out = [{ label: `Sent${link.createdBy ? ` by ${link.createdBy}` : ''}`, at: link.createdAt }];
  if (link.openedAt) {
    out.push({
      label: `Opened${link.openCount > 1 ? ` (${link.openCount} times, last ${formatDateTime(link.lastOpenedAt!)})` : ''}`,
      at: link.openedAt,
    });
  }
  if (link.completedAt) out.push({ label: 'Completed: the account is active again', at: link.completedAt });
  if (link.endedAt) out.push({ label: LINK_STATE_LABELS[link.state], at: link.endedAt });
  return out;
}

/** The account's re-link links, newest first, each with its life; on the account page's timeline tab. */
export function AccountLinksLife({ accountId }: { accountId: string }) {
  const query = useQuery(linkQueries.list(LinkListQuerySchema.parse({ accountId, pageSize: 20 })));
  if (!query.data || query.data.items.length === 0) return null;
  return (
    <section aria-label="Re-link links" className="mb-6 grid gap-3">
      <h3 className="text-sm font-medium">Re-link links</h3>
      <ol className="grid gap-3">
        {query.data.items.map((link) => (
          <li key={link.id} className="grid gap-1 rounded-md border p-3 text-sm">
            <div className="flex flex-wrap items-center gap-2">
              <Link2Icon className="size-3.5 text-muted-foreground" aria-hidden />
              <span className="font-mono text-xs">{link.id}</span>
              <LinkStateBadge state={link.state} />
              <span className="text-xs text-muted-foreground">expires {formatDateTime(link.expiresAt)}</span>
            </div>
            <ol className="grid gap-0.5 pl-6 text-xs text-muted-foreground">
              {steps(link).map((step) => (
                <li key={step.label}>
                  <time dateTime={step.at}>{formatDateTime(step.at)}</time> · {step.label}
                </li>
              ))}
            </ol>
          </li>
        ))}
      </ol>
    </section>
  );
}
