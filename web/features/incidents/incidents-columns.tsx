import { createColumnHelper } from '@tanstack/react-table';
import type { Incident } from '../../../shared/schemas/incident.ts';
import { DataTableColumnHeader } from '../../components/data-table/data-table-column-header.tsx';
import { RelativeTime } from '../../components/ui/relative-time.tsx';
import { IncidentActions } from './incident-actions.tsx';
import { IncidentStateBadge } from './incident-state-badge.tsx';

const column = createColumnHelper<Incident>();

/** Column ids equal the API's sort keys where the column sorts. `onOpen` opens the side panel. */
export function incidentsColumns(onOpen: (incident: Incident) => void) {
  return [
    column.accessor('originOwnerName', {
      id: 'owner',
      header: ({ column }) => <DataTableColumnHeader column={column} title="Customer" />,
      meta: { title: 'Customer' },
      enableHiding: false,
      cell: ({ row }) => (
        <button
          type="button"
          onClick={() => onOpen(row.original)}
          className="group flex flex-col rounded-sm text-left outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
        >
          <span className="font-medium group-hover:underline">{row.original.originOwnerName}</span>
          <span className="font-mono text-xs text-muted-foreground">{row.original.accountId}</span>
        </button>
      ),
    }),
    column.accessor('provider', {
      header: ({ column }) => <DataTableColumnHeader column={column} title="Provider" />,
      meta: { title: 'Provider' },
    }),
    column.accessor('reasonCode', {
      id: 'reason',
      header: ({ column }) => <DataTableColumnHeader column={column} title="Reason" />,
      meta: { title: 'Reason', cellClassName: 'max-w-64' },
      cell: ({ row }) => (
        <span className="flex flex-col">
          <span>{row.original.reasonCode ?? <span className="text-muted-foreground">—</span>}</span>
          {row.original.reasonDescription && (
            <span className="truncate text-xs text-muted-foreground">{row.original.reasonDescription}</span>
          )}
        </span>
      ),
    }),
    column.accessor('state', {
      header: ({ column }) => <DataTableColumnHeader column={column} title="State" />,
      meta: { title: 'State' },
      cell: ({ row }) => <IncidentStateBadge incident={row.original} />,
    }),
    column.accessor('openedAt', {
      header: ({ column }) => <DataTableColumnHeader column={column} title="Age" />,
      meta: { title: 'Age', cellClassName: 'text-muted-foreground tabular-nums' },
      cell: ({ getValue }) => <RelativeTime value={getValue()} />,
    }),
    column.accessor((i) => i.assignee?.email ?? null, {
      id: 'assignee',
      header: 'Assignee',
      meta: { title: 'Assignee' },
      enableSorting: false,
      cell: ({ getValue }) => getValue() ?? <span className="text-muted-foreground">Unassigned</span>,
    }),
    column.accessor('noteCount', {
      header: 'Notes',
      meta: { title: 'Notes', cellClassName: 'tabular-nums' },
      enableSorting: false,
    }),
    column.display({
      id: 'actions',
      header: () => <span className="sr-only">Actions</span>,
      meta: { title: 'Actions' },
      enableHiding: false,
      cell: ({ row }) => <IncidentActions incident={row.original} />,
    }),
  ];
}
