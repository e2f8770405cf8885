import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { BellIcon, PlusIcon } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import type { AlertDestination } from '../../../shared/schemas/alerts.ts';
import { EmptyState } from '../../components/feedback/empty-state.tsx';
import { ErrorState } from '../../components/feedback/error-state.tsx';
import { PageHeader } from '../../components/layout/page-header.tsx';
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from '../../components/ui/alert-dialog.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Card } from '../../components/ui/card.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../../components/ui/table.tsx';
import { formatDateTime } from '../../../shared/format.ts';
import { alertKeys, alertQueries, deleteAlertDestination, sendTestAlert } from '../../lib/queries/alerts.ts';
import { toastApiError } from '../../lib/toast-api-error.ts';
import { AddAlertDestinationDialog } from './add-alert-destination-dialog.tsx';
import { AlertDeliveriesDialog } from './alert-deliveries-dialog.tsx';
import { DeliveryStatusBadge } from './delivery-status-badge.tsx';
import { SettingsNav } from './settings-nav.tsx';

const TYPE_LABELS = { slack: 'Slack', webhook: 'Webhook', email: 'Email' } as const;

function DestinationRow({ destination }: { destination: AlertDestination }) {
  const queryClient = useQueryClient();
  const [logOpen, setLogOpen] = useState(false);
  const [confirmOpen, setConfirmOpen] = useState(false);
  const test = useMutation({
    mutationFn: () => sendTestAlert(destination.id),
    onSuccess: async () => {
      toast.success('Test alert sent', {
        description: `Its delivery shows in the log of ${destination.name}.`,
      });
      await queryClient.invalidateQueries({ queryKey: alertKeys.deliveries(destination.id) });
      setLogOpen(true);
      await queryClient.invalidateQueries({ queryKey: alertKeys.list() });
    },
    onError: (err) => toastApiError(err, 'Could not send the test alert'),
  });
  const remove = useMutation({
    mutationFn: () => deleteAlertDestination(destination.id),
    onSuccess: async () => {
      toast.success('Alert destination deleted', { description: destination.name });
      setConfirmOpen(false);
      await queryClient.invalidateQueries({ queryKey: alertKeys.list() });
    },
    onError: (err) => toastApiError(err, 'Could not delete the destination'),
  });
  const target = destination.addresses?.join(', ') ?? destination.maskedUrl ?? '—';
  return (
    <TableRow>
      <TableCell className="font-medium">{destination.name}</TableCell>
      <TableCell>{TYPE_LABELS[destination.type]}</TableCell>
      <TableCell className="max-w-72 truncate text-muted-foreground" title={target}>
        {target}
      </TableCell>
      <TableCell>
        {destination.lastDelivery ? (
          <span className="flex items-center gap-2">
            <DeliveryStatusBadge status={destination.lastDelivery.status} />
            <span className="text-xs text-muted-foreground">
              {formatDateTime(destination.lastDelivery.at)}
            </span>
          </span>
        ) : (
          <span className="text-muted-foreground">Never</span>
        )}
      </TableCell>
      <TableCell>
        <div className="flex justify-end gap-2">
          <Button
            size="sm"
            variant="outline"
            disabled={test.isPending}
            aria-label={`Send test alert to ${destination.name}`}
            onClick={() => test.mutate()}
          >
            {test.isPending ? 'Sending…' : 'Send test alert'}
          </Button>
          <Button
            size="sm"
            variant="outline"
            aria-label={`Delivery log of ${destination.name}`}
            onClick={() => setLogOpen(true)}
          >
            Delivery log
          </Button>
          <Button
            size="sm"
            variant="ghost"
            className="text-destructive"
            aria-label={`Delete ${destination.name}`}
            onClick={() => setConfirmOpen(true)}
          >
            Delete
          </Button>
        </div>
        <AlertDeliveriesDialog destination={destination} open={logOpen} onOpenChange={setLogOpen} />
        <AlertDialog open={confirmOpen} onOpenChange={(next) => !remove.isPending && setConfirmOpen(next)}>
          <AlertDialogContent>
            <AlertDialogHeader>
              <AlertDialogTitle>Delete {destination.name}?</AlertDialogTitle>
              <AlertDialogDescription>
                No more alerts go there, and its delivery log is deleted with it.
              </AlertDialogDescription>
            </AlertDialogHeader>
            <AlertDialogFooter>
              <AlertDialogCancel disabled={remove.isPending}>Cancel</AlertDialogCancel>
              <Button variant="destructive" disabled={remove.isPending} onClick={() => remove.mutate()}>
                {remove.isPending ? 'Deleting…' : 'Delete destination'}
              </Button>
            </AlertDialogFooter>
          </AlertDialogContent>
        </AlertDialog>
      </TableCell>
    </TableRow>
  );
}

/** Settings → Alerts: where the console tells the team about broken and fixed accounts. */
export function AlertsSettingsScreen() {
  const query = useQuery(alertQueries.list());
  const [addOpen, setAddOpen] = useState(false);
  const items = query.data?.items;
  return (
    <>
      <PageHeader
        title={
          <>
            <span className="font-normal text-muted-foreground">Settings → </span>Alerts
          </>
        }
        description="One message when an account breaks and one when it is fixed; a provider outage is one grouped message."
        actions={
          <Button size="sm" onClick={() => setAddOpen(true)}>
            <PlusIcon aria-hidden />
            Add destination
          </Button>
        }
      />
      <SettingsNav />
      {query.isError ? (
        <ErrorState
          error={query.error}
          title="Could not load the destinations"
          onRetry={() => void query.refetch()}
        />
      ) : items && items.length === 0 ? (
        <Card>
          <EmptyState
            icon={BellIcon}
            title="No alert destinations yet"
            description="Add a Slack channel, a webhook or email addresses to hear about broken accounts."
            action={
              <Button size="sm" onClick={() => setAddOpen(true)}>
                Add destination
              </Button>
            }
          />
        </Card>
      ) : (
        <Card className="overflow-hidden p-0">
          <Table aria-label="Alert destinations">
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead>Type</TableHead>
                <TableHead>Sends to</TableHead>
                <TableHead>Last delivery</TableHead>
                <TableHead>
                  <span className="sr-only">Actions</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {items?.map((d) => (
                <DestinationRow key={d.id} destination={d} />
              ))}
            </TableBody>
          </Table>
        </Card>
      )}
      <AddAlertDestinationDialog open={addOpen} onOpenChange={setAddOpen} />
    </>
  );
}
