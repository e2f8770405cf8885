import { TableSkeleton } from '../../components/feedback/table-skeleton.tsx';
import { Skeleton } from '../../components/ui/skeleton.tsx';
import { Table, TableBody } from '../../components/ui/table.tsx';

/** The accounts page while its first data loads. */
export function AccountsPending() {
  return (
    <div className="flex flex-col gap-3" aria-busy="true" aria-label="Loading accounts">
      <div className="mb-2 grid gap-2">
        <Skeleton className="h-7 w-40" />
        <Skeleton className="h-4 w-96 max-w-full" />
      </div>
      <div className="flex gap-2">
        <Skeleton className="h-8 w-72" />
        <Skeleton className="h-8 w-20" />
        <Skeleton className="h-8 w-24" />
        <Skeleton className="h-8 w-16" />
      </div>
      <div className="rounded-lg border bg-background">
        <Table>
          <TableBody>
            <TableSkeleton columns={7} rows={12} />
          </TableBody>
        </Table>
      </div>
    </div>
  );
}
