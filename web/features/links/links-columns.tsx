import { Link as RouterLink } from '@tanstack/react-router';
import { createColumnHelper } from '@tanstack/react-table';
import type { Link } from '../../../shared/schemas/links.ts';
import { CopyButton } from '../../components/ui/copy-button.tsx';
import { RelativeTime } from '../../components/ui/relative-time.tsx';
import { formatDateTime } from '../../../shared/format.ts';
import { LinkStateBadge } from './link-state-badge.tsx';
import { RevokeLinkButton } from './revoke-link-button.tsx';

const column = createColumnHelper<Link>();
const none = <span className="text-muted-foreground">—</span>;

const when = (value: string | null) =>
  value ? (
    <div className="flex flex-col">
      <span className="tabular-nums">{formatDateTime(value)}</span>
      <RelativeTime value={value} className="text-xs text-muted-foreground" />
    </div>
  ) : (
    none
  );

export function linksColumns(canRevoke: boolean) {
  return [
    column.accessor('originOwnerName', {
      header: 'Customer',
      cell: ({ row }) => (
        <div className="flex flex-col">
          <span>{row.original.originOwnerName}</span>
          <span className="font-mono text-xs text-muted-foreground">{row.original.originOwnerId}</span>
        </div>
      ),
    }),
    column.accessor('provider', { header: 'Provider', cell: ({ getValue }) => getValue() ?? none }),
    column.accessor('accountId', {
      header: 'Account',
      cell: ({ row }) =>
        row.original.accountId ? (
          <RouterLink
            to="/accounts/$accountId"
            params={{ accountId: row.original.accountId }}
            className="font-mono text-xs underline-offset-4 hover:underline"
          >
            {row.original.accountId}
          </RouterLink>
        ) : (
          <span className="text-muted-foreground">New account</span>
        ),
    }),
    column.accessor('state', {
      header: 'State',
      cell: ({ getValue }) => <LinkStateBadge state={getValue()} />,
    }),
    column.accessor('createdBy', { header: 'Created by', cell: ({ getValue }) => getValue() ?? none }),
    column.accessor('createdAt', { header: 'Created', cell: ({ getValue }) => when(getValue()) }),
    column.accessor('expiresAt', { header: 'Expires', cell: ({ getValue }) => when(getValue()) }),
    column.accessor('openedAt', {
      header: 'Opened',
      cell: ({ row }) =>
        row.original.openedAt ? (
          <div className="flex flex-col">
            {when(row.original.lastOpenedAt ?? row.original.openedAt)}
            <span className="text-xs text-muted-foreground">
              {row.original.openCount} {row.original.openCount === 1 ? 'open' : 'opens'}
            </span>
          </div>
        ) : (
          none
        ),
    }),
    column.accessor('completedAt', { header: 'Completed', cell: ({ getValue }) => when(getValue()) }),
    column.display({
      id: 'actions',
      header: () => <span className="sr-only">Actions</span>,
      cell: ({ row }) => (
        <div className="flex items-center justify-end gap-1">
          <CopyButton value={row.original.url} label={`Copy link for ${row.original.originOwnerName}`} />
          {canRevoke && (row.original.state === 'sent' || row.original.state === 'opened') && (
            <RevokeLinkButton link={row.original} />
          )}
        </div>
      ),
    }),
  ];
}
