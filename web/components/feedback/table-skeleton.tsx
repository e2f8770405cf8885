import { Skeleton } from '../ui/skeleton.tsx';
import { TableCell, TableRow } from '../ui/table.tsx';

/** Placeholder rows inside a <TableBody> while the first page loads. */
export function TableSkeleton({ rows = 10, columns }: { rows?: number; columns: number }) {
  return (
    <>
      {Array.from({ length: rows }, (_, row) => (
        <TableRow key={row} aria-hidden className="hover:bg-transparent">
          {Array.from({ length: columns }, (_, col) => (
            <TableCell key={col} className="py-3">
              <Skeleton className={col === 0 ? 'h-4 w-36' : 'h-4 w-20'} />
            </TableCell>
          ))}
        </TableRow>
      ))}
    </>
  );
}
