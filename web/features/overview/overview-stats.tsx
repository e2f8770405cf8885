import type { Overview } from '../../../shared/schemas/overview.ts';
import { Card } from '../../components/ui/card.tsx';
import { cn } from '../../lib/cn.ts';
import { formatDuration } from '../../../shared/format.ts';
import { OverviewLink } from './overview-link.tsx';
import { accountsHref, incidentsHref } from './overview-links.ts';

interface Stat {
  label: string;
  value: string;
  detail?: string;
  href: string;
  tone?: string;
}

function stats(o: Overview): Stat[] {
  return [
    { label: 'Accounts', value: String(o.byStatus.total), href: accountsHref() },
    { label: 'Active', value: String(o.byStatus.active), href: accountsHref({ status: 'active' }) },
    {
      label: 'In error',
      value: String(o.byStatus.error),
      href: accountsHref({ status: 'error' }),
      tone: o.byStatus.error > 0 ? 'text-destructive' : undefined,
    },
    { label: 'Inactive', value: String(o.byStatus.inactive), href: accountsHref({ status: 'inactive' }) },
    {
      label: 'Open incidents',
      value: String(o.openIncidents.total),
      detail: `${o.openIncidents.byKind.error} error, ${o.openIncidents.byKind.inactive} inactive`,
      href: incidentsHref(),
    },
    {
      label: 'Mean time to repair',
      value: o.mttrSeconds === null ? '—' : formatDuration(o.mttrSeconds * 1000),
      detail:
        o.mttrSeconds === null
          ? 'nothing repaired in 30 days'
          : `over ${o.resolvedLast30Days} repaired in 30 days`,
      href: incidentsHref({ state: 'resolved' }),
    },
  ];
}

/** The headline numbers, each a link to the list behind it. */
export function OverviewStats({ overview }: { overview: Overview }) {
  return (
    <ul aria-label="Headline figures" className="grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-6">
      {stats(overview).map((s) => (
        <li key={s.label}>
          <Card className="h-full p-0 transition-colors hover:bg-muted/50">
            <OverviewLink
              href={s.href}
              className="grid h-full gap-1 rounded-lg px-4 py-3 focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none"
            >
              <span className="text-xs font-medium text-muted-foreground">{s.label}</span>
              <span className={cn('text-2xl font-semibold tabular-nums', s.tone)}>{s.value}</span>
              {s.detail && <span className="text-xs text-muted-foreground">{s.detail}</span>}
            </OverviewLink>
          </Card>
        </li>
      ))}
    </ul>
  );
}
