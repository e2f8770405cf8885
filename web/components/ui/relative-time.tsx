import { formatDateTime, formatRelative } from '../../../shared/format.ts';
import { useNow } from '../../lib/use-now.ts';

/** "12 s ago" that keeps ticking, with the exact date and time on hover and for machines. */
export function RelativeTime({ value, className }: { value: string | null | undefined; className?: string }) {
  const now = useNow();
  if (!value) return <span className={className}>—</span>;
  return (
    <time dateTime={value} title={formatDateTime(value)} className={className}>
      {formatRelative(value, now)}
    </time>
  );
}
