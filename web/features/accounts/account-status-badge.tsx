import { CircleAlertIcon, CircleCheckIcon, CircleDashedIcon, CircleHelpIcon } from 'lucide-react';
import { Badge, type BadgeProps } from '../../components/ui/badge.tsx';

const STATUS_STYLE: Record<
  string,
  { variant: BadgeProps['variant']; label: string; icon: typeof CircleCheckIcon }
> = {
  active: { variant: 'success', label: 'Active', icon: CircleCheckIcon },
  error: { variant: 'destructive', label: 'Error', icon: CircleAlertIcon },
  inactive: { variant: 'warning', label: 'Inactive', icon: CircleDashedIcon },
};

export function statusLabel(status: string): string {
  return STATUS_STYLE[status]?.label ?? status.charAt(0).toUpperCase() + status.slice(1);
}

/** Colour, icon and word, so the status never depends on colour alone. Unknown statuses show as they come. */
export function AccountStatusBadge({ status, className }: { status: string; className?: string }) {
  const style = STATUS_STYLE[status] ?? {
    variant: 'outline' as const,
    label: statusLabel(status),
    icon: CircleHelpIcon,
  };
  const Icon = style.icon;
  return (
    <Badge variant={style.variant} className={className}>
      <Icon aria-hidden />
      {style.label}
    </Badge>
  );
}
