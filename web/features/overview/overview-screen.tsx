import { useSuspenseQuery } from '@tanstack/react-query';
import { BarChart3Icon, TableIcon } from 'lucide-react';
import { lazy, Suspense } from 'react';
import { EmptyState } from '../../components/feedback/empty-state.tsx';
import { PageHeader } from '../../components/layout/page-header.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Skeleton } from '../../components/ui/skeleton.tsx';
import { overviewQueries } from '../../lib/queries/overview.ts';
import { OverviewLink } from './overview-link.tsx';
import { accountsHref } from './overview-links.ts';
import type { OverviewSearch } from './overview-search.ts';
import { OverviewStats } from './overview-stats.tsx';
import { OverviewTables } from './overview-tables.tsx';

// recharts is large: it loads with the charts, after the numbers are on screen, never with the entry.
const OverviewCharts = lazy(() => import('./overview-charts.tsx'));

function ChartsPending() {
  return (
    <div className="grid gap-4 lg:grid-cols-2" aria-busy="true" aria-label="Loading charts">
      <Skeleton className="h-72 lg:col-span-2" />
      <Skeleton className="h-72 lg:col-span-2" />
      <Skeleton className="h-56" />
      <Skeleton className="h-56" />
    </div>
  );
}

export function OverviewScreen({
  search,
  onSearchChange,
}: {
  search: OverviewSearch;
  onSearchChange: (next: OverviewSearch) => void;
}) {
  const { data: overview } = useSuspenseQuery(overviewQueries.summary());
  const asTable = search.view === 'table';
  const isEmpty = overview.byStatus.total === 0;
  return (
    <div className="grid gap-5">
      <PageHeader
        className="mb-0"
        title="Overview"
        description="Which providers are breaking, why, and whether it is getting better. Every figure opens the rows behind it."
        actions={
          !isEmpty && (
            <Button
              variant="outline"
              size="sm"
              aria-pressed={asTable}
              onClick={() => onSearchChange({ ...search, view: asTable ? 'charts' : 'table' })}
            >
              {asTable ? <BarChart3Icon aria-hidden /> : <TableIcon aria-hidden />}
              {asTable ? 'Show as charts' : 'Show as table'}
            </Button>
          )
        }
      />
      <OverviewStats overview={overview} />
      {isEmpty ? (
        <EmptyState
          title="No accounts yet"
          description="Once accounts are linked and synced, their health shows here."
          action={
            <Button asChild variant="outline" size="sm">
              <OverviewLink href={accountsHref()}>Go to accounts</OverviewLink>
            </Button>
          }
        />
      ) : asTable ? (
        <OverviewTables overview={overview} />
      ) : (
        <Suspense fallback={<ChartsPending />}>
          <OverviewCharts overview={overview} />
        </Suspense>
      )}
    </div>
  );
}
