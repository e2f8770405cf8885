import type { AlertDeliveryStatus } from '../../../shared/schemas/alerts.ts';
import { Badge } from '../../components/ui/badge.tsx';

const LABELS: Record<AlertDeliveryStatus, string> = {
  pending: 'Pending',
  delivered: 'Delivered',
  failed: 'Failed',
};

export function DeliveryStatusBadge({ status }: { status: AlertDeliveryStatus }) {
  return (
    <Badge variant={status === 'failed' ? 'destructive' : status === 'delivered' ? 'success' : 'warning'}>
      {LABELS[status]}
    </Badge>
  );
}
