import { Link } from '@tanstack/react-router';
import { createColumnHelper } from '@tanstack/react-table';
import type { AuditEntry } from '../../../shared/schemas/audit.ts';
import { Badge, type BadgeProps } from '../../components/ui/badge.tsx';
import { RelativeTime } from '../../components/ui/relative-time.tsx';
import { formatDateTime } from '../../../shared/format.ts';
import { auditActionLabel } from './audit-actions.ts';

const column = createColumnHelper<AuditEntry>();

const OUTCOME_VARIANT: Record<AuditEntry['outcome'], BadgeProps['variant']> = {
  success: 'success',
  failure: 'destructive',
  denied: 'warning',
};

const none = <span className="text-muted-foreground">—</span>;

function summaryText(summary: AuditEntry['summary']): string {
  return Object.entries(summary)
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join(', ');
}

export const auditColumns = [
  column.accessor('at', {
    header: 'Time',
    cell: ({ getValue }) => (
      <div className="flex flex-col">
        <span className="tabular-nums">{formatDateTime(getValue())}</span>
        <RelativeTime value={getValue()} className="text-xs text-muted-foreground" />
      </div>
    ),
  }),
  column.accessor('actorEmail', {
    header: 'Actor',
    cell: ({ row }) =>
      row.original.actorEmail ? (
        <div className="flex items-center gap-2">
          <span>{row.original.actorEmail}</span>
          {row.original.actorRole && (
            <Badge variant="muted" className="capitalize">
              {row.original.actorRole}
            </Badge>
          )}
        </div>
      ) : (
        none
      ),
  }),
  column.accessor('action', {
    header: 'Action',
    cell: ({ getValue }) => (
      <div className="flex flex-col">
        <span>{auditActionLabel(getValue())}</span>
        <span className="font-mono text-xs text-muted-foreground">{getValue()}</span>
      </div>
    ),
  }),
  column.display({
    id: 'target',
    header: 'Target',
    meta: { cellClassName: 'max-w-64' },
    cell: ({ row }) => {
      const { targetType, targetId, targetOwner, summary } = row.original;
      const details = summaryText(summary);
      return (
        <div className="flex min-w-0 flex-col" title={details || undefined}>
          {targetType === 'account' && targetId ? (
            <Link
              to="/accounts/$accountId"
              params={{ accountId: targetId }}
              className="truncate font-mono text-xs underline-offset-4 hover:underline"
            >
              {targetId}
            </Link>
          ) : targetId ? (
            <span className="truncate font-mono text-xs">
              {targetType} {targetId}
            </span>
          ) : null}
          {targetOwner && <span className="truncate">{targetOwner}</span>}
          {details && <span className="truncate text-xs text-muted-foreground">{details}</span>}
          {!targetId && !targetOwner && !details && none}
        </div>
      );
    },
  }),
  column.accessor('outcome', {
    header: 'Outcome',
    cell: ({ getValue }) => (
      <Badge variant={OUTCOME_VARIANT[getValue()]} className="capitalize">
        {getValue()}
      </Badge>
    ),
  }),
  column.accessor('upstreamStatus', {
    header: 'Upstream',
    cell: ({ getValue }) => {
      const status = getValue();
      return status === null ? none : <span className="font-mono tabular-nums">{status}</span>;
    },
  }),
  column.accessor('ip', {
    header: 'IP',
    cell: ({ getValue }) => <span className="font-mono text-xs">{getValue() ?? '—'}</span>,
  }),
];
