import type { LinkState } from '../../../shared/schemas/links.ts';
import { Badge, type BadgeProps } from '../../components/ui/badge.tsx';

const VARIANT: Record<LinkState, BadgeProps['variant']> = {
  sent: 'muted',
  opened: 'warning',
  completed: 'success',
  expired: 'destructive',
  superseded: 'muted',
  revoked: 'destructive',
};

export const LINK_STATE_LABELS: Record<LinkState, string> = {
  sent: 'Sent',
  opened: 'Opened',
  completed: 'Completed',
  expired: 'Expired',
  superseded: 'Superseded',
  revoked: 'Revoked',
};

export function LinkStateBadge({ state }: { state: LinkState }) {
  return <Badge variant={VARIANT[state]}>{LINK_STATE_LABELS[state]}</Badge>;
}
