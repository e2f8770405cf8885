import { CircleAlertIcon, CircleCheckIcon, CircleDashedIcon, CircleHelpIcon } from 'lucide-react';
import { statusLabel } from '../../../shared/account-status-label.ts';
import { Badge, type BadgeProps } from '../../components/ui/badge.tsx';

const STATUS_STYLE: Record<string, { variant: BadgeProps['variant']; icon: typeof CircleCheckIcon }> = {
  active: { variant: 'success', icon: CircleCheckIcon },
  error: { variant: 'destructive', icon: CircleAlertIcon },
  inactive: { variant: 'warning', icon: CircleDashedIcon },
};

/** Colour, icon and word, so the status never depends on colour alone. Unknown statuses show as they come. */
export function AccountStatusBadge({ status, className }: { status: string; className?: string }) {
  const style = STATUS_STYLE[status] ?? { variant: 'outline' as const, icon: CircleHelpIcon };
  const Icon = style.icon;
  return (
    <Badge variant={style.variant} className={className}>
      <Icon aria-hidden />
      {statusLabel(status)}
    </Badge>
  );
}
