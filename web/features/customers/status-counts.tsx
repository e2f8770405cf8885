import { Badge } from '../../components/ui/badge.tsx';

const ORDER = ['error', 'inactive', 'active'];
const VARIANT: Record<string, 'destructive' | 'warning' | 'success'> = {
  error: 'destructive',
  inactive: 'warning',
  active: 'success',
};

/** A customer's accounts by status, problems first: "2 error · 1 inactive · 5 active". */
export function StatusCounts({ byStatus }: { byStatus: Record<string, number> }) {
  const statuses = Object.keys(byStatus).sort(
    (a, b) => (ORDER.indexOf(a) + 1 || 99) - (ORDER.indexOf(b) + 1 || 99) || a.localeCompare(b),
  );
  return (
    <span className="flex flex-wrap gap-1">
      {statuses.map((status) => (
        <Badge key={status} variant={VARIANT[status] ?? 'muted'} className="font-normal">
          {byStatus[status]} {status}
        </Badge>
      ))}
    </span>
  );
}
