import { useQuery } from '@tanstack/react-query';
import type { AlertDestination } from '../../../shared/schemas/alerts.ts';
import { ErrorState } from '../../components/feedback/error-state.tsx';
import { Badge } from '../../components/ui/badge.tsx';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
} from '../../components/ui/dialog.tsx';
import { Skeleton } from '../../components/ui/skeleton.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../../components/ui/table.tsx';
import { formatDateTime } from '../../../shared/format.ts';
import { alertQueries } from '../../lib/queries/alerts.ts';
import { DeliveryStatusBadge } from './delivery-status-badge.tsx';

const KIND_LABELS = { opened: 'Broke', resolved: 'Resolved', test: 'Test' } as const;

export interface AlertDeliveriesDialogProps {
  destination: AlertDestination;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

/** The delivery log of one destination, newest first (followed live while one is pending). */
export function AlertDeliveriesDialog({ destination, open, onOpenChange }: AlertDeliveriesDialogProps) {
  const query = useQuery({ ...alertQueries.deliveries(destination.id), enabled: open });
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-3xl">
        <DialogHeader>
          <DialogTitle>Delivery log of {destination.name}</DialogTitle>
          <DialogDescription>The last 200 alerts sent there, newest first.</DialogDescription>
        </DialogHeader>
        {query.isError ? (
          <ErrorState
            error={query.error}
            title="Could not load the log"
            onRetry={() => void query.refetch()}
          />
        ) : !query.data ? (
          <div className="grid gap-2" aria-busy="true" aria-label="Loading the delivery log">
            <Skeleton className="h-8" />
            <Skeleton className="h-8" />
          </div>
        ) : query.data.items.length === 0 ? (
          <p className="py-6 text-center text-sm text-muted-foreground">Nothing sent yet.</p>
        ) : (
          <div className="max-h-[60vh] overflow-auto">
            <Table aria-label={`Deliveries to ${destination.name}`}>
              <TableHeader>
                <TableRow>
                  <TableHead>Time</TableHead>
                  <TableHead>Alert</TableHead>
                  <TableHead>Status</TableHead>
                  <TableHead>Attempts</TableHead>
                  <TableHead>Error</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {query.data.items.map((d) => (
                  <TableRow key={d.id}>
                    <TableCell className="whitespace-nowrap">
                      {formatDateTime(d.finishedAt ?? d.createdAt)}
                    </TableCell>
                    <TableCell>
                      <Badge variant="outline" className="mr-2">
                        {KIND_LABELS[d.kind]}
                      </Badge>
                      {d.title}
                    </TableCell>
                    <TableCell>
                      <DeliveryStatusBadge status={d.status} />
                    </TableCell>
                    <TableCell>{d.attempts}</TableCell>
                    <TableCell className="max-w-64 text-xs break-words text-muted-foreground">
                      {d.error ?? '—'}
                      {d.status === 'pending' && d.nextAttemptAt && d.attempts > 0
                        ? ` · next try ${formatDateTime(d.nextAttemptAt)}`
                        : ''}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </DialogContent>
    </Dialog>
  );
}
