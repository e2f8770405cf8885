import { Link } from '@tanstack/react-router';
import { createColumnHelper } from '@tanstack/react-table';
import type { Account } from '../../../shared/schemas/account.ts';
import { DataTableColumnHeader } from '../../components/data-table/data-table-column-header.tsx';
import { ProviderName } from '../../components/provider/provider-name.tsx';
import { Badge } from '../../components/ui/badge.tsx';
import { RelativeTime } from '../../components/ui/relative-time.tsx';
import { CustomerLink } from './customer-link.tsx';
import { TruncatedText } from '../../components/ui/truncated-text.tsx';
import { AccountStatusCell } from './account-status-cell.tsx';
import { reasonColumn } from './reason-column.tsx';
import { RowActions } from './row-actions.tsx';

const column = createColumnHelper<Account>();

/** Column ids equal the API's sort keys where the column sorts. */
export const accountsColumns = [
  column.accessor('originOwnerName', {
    id: 'owner',
    header: ({ column }) => <DataTableColumnHeader column={column} title="Customer" />,
    meta: { title: 'Customer' },
    enableHiding: false,
    cell: ({ row }) => (
      <span className="flex max-w-72 min-w-0 items-start gap-1">
        <Link
          to="/accounts/$accountId"
          params={{ accountId: row.original.id }}
          className="group flex max-w-64 min-w-0 flex-col rounded-sm outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
        >
          <TruncatedText text={row.original.originOwnerName} className="font-medium group-hover:underline" />
          <TruncatedText
            text={row.original.originOwnerId}
            className="font-mono text-xs text-muted-foreground"
          />
        </Link>
        <CustomerLink ownerId={row.original.originOwnerId} ownerName={row.original.originOwnerName} />
      </span>
    ),
  }),
  column.accessor('provider', {
    header: ({ column }) => <DataTableColumnHeader column={column} title="Provider" />,
    meta: { title: 'Provider' },
    cell: ({ row }) => <ProviderName account={row.original} />,
  }),
  column.accessor('label', {
    header: ({ column }) => <DataTableColumnHeader column={column} title="Label" />,
    meta: { title: 'Label', cellClassName: 'max-w-48 truncate' },
    cell: ({ getValue }) => {
      const label = getValue();
      return label ? <TruncatedText text={label} /> : <span className="text-muted-foreground">—</span>;
    },
  }),
  column.accessor('status', {
    header: ({ column }) => <DataTableColumnHeader column={column} title="Status" />,
    meta: { title: 'Status' },
    cell: ({ row }) => <AccountStatusCell account={row.original} />,
  }),
  reasonColumn,
  column.accessor('type', {
    header: 'Type',
    meta: { title: 'Type' },
    enableSorting: false,
    cell: ({ getValue }) => {
      const type = getValue();
      return type ? (
        <Badge variant={type === 'production' ? 'outline' : 'muted'} className="capitalize">
          {type}
        </Badge>
      ) : (
        <span className="text-muted-foreground">—</span>
      );
    },
  }),
  column.accessor('originUsername', {
    id: 'username',
    header: 'Username',
    meta: { title: 'Username', cellClassName: 'max-w-56 truncate' },
    enableSorting: false,
    cell: ({ getValue }) => getValue() ?? <span className="text-muted-foreground">—</span>,
  }),
  column.accessor('updatedAt', {
    header: ({ column }) => <DataTableColumnHeader column={column} title="Updated" />,
    meta: { title: 'Updated', cellClassName: 'text-muted-foreground tabular-nums' },
    sortDescFirst: true,
    cell: ({ getValue }) => <RelativeTime value={getValue()} />,
  }),
  column.accessor('createdAt', {
    header: ({ column }) => <DataTableColumnHeader column={column} title="Created" />,
    meta: { title: 'Created', cellClassName: 'text-muted-foreground tabular-nums' },
    sortDescFirst: true,
    cell: ({ getValue }) => <RelativeTime value={getValue()} />,
  }),
  column.display({
    id: 'actions',
    header: () => <span className="sr-only">Actions</span>,
    meta: { headerClassName: 'w-10', cellClassName: 'w-10 text-right' },
    enableHiding: false,
    cell: ({ row }) => <RowActions account={row.original} />,
  }),
];
