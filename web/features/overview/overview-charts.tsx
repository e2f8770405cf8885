import {
  Bar,
  BarChart,
  CartesianGrid,
  Line,
  LineChart,
  Rectangle,
  XAxis,
  YAxis,
  type BarShapeProps,
  type YAxisTickContentProps,
} from 'recharts';
import { INCIDENT_AGE_BUCKETS, type Overview } from '../../../shared/schemas/overview.ts';
import {
  ChartContainer,
  ChartTooltip,
  ChartTooltipContent,
  type ChartConfig,
} from '../../components/ui/chart.tsx';
import { useAppLinkClick } from './overview-link.tsx';
import {
  AGE_LABELS,
  dayLabel,
  providerLabel,
  reasonLabel,
  STATUS_COLORS,
  STATUS_LABELS,
  statusFilter,
  statusSeries,
  type StatusSeries,
} from './overview-labels.ts';
import { accountsHref, incidentAgeHref, reasonHref } from './overview-links.ts';
import { OverviewSection, SECTIONS } from './overview-section.tsx';

/*
 * Every bar and point is an SVG link (focusable, announced by its label) to the rows behind it; the
 * chart's own keyboard layer is off so that Tab walks those links. Loaded lazily with recharts.
 */

const TOP_REASONS = 8;
const ROW = 30;

type Link = { href: string; label: string };

/** A bar drawn inside a link, or nothing for an empty segment (a stacked 0). */
function linkedBar(
  linkOf: (props: BarShapeProps) => Link | null,
  onClick: ReturnType<typeof useAppLinkClick>,
) {
  return (props: BarShapeProps) => {
    const link = linkOf(props);
    if (!link || !props.width || !props.height) return <g />;
    return (
      <a
        href={link.href}
        aria-label={link.label}
        onClick={(e) => onClick(e, link.href)}
        className="focus:outline-none [&:focus-visible>path]:stroke-foreground [&:focus-visible>path]:stroke-2"
      >
        <title>{link.label}</title>
        <Rectangle {...props} />
      </a>
    );
  };
}

function ProvidersChart({ overview }: { overview: Overview }) {
  const onClick = useAppLinkClick();
  const series = statusSeries(overview);
  const config = Object.fromEntries(
    series.map((s) => [s, { label: STATUS_LABELS[s], color: STATUS_COLORS[s] }]),
  ) as ChartConfig;
  const data = overview.byProvider.map((p) => ({ ...p, name: providerLabel(p) }));
  const byName = new Map(data.map((d) => [d.name, d]));
  return (
    <figure aria-label="Accounts by status for each provider (stacked bars)" className="grid gap-3">
      <ChartContainer config={config} style={{ height: 48 + data.length * ROW }}>
        <BarChart data={data} layout="vertical" accessibilityLayer={false} margin={{ left: 8, right: 16 }}>
          <CartesianGrid horizontal={false} />
          <XAxis type="number" allowDecimals={false} tickLine={false} axisLine={false} />
          <YAxis
            type="category"
            dataKey="name"
            width={120}
            tickLine={false}
            axisLine={false}
            tick={({ x, y, payload }: YAxisTickContentProps) => {
              const p = byName.get(String(payload.value));
              if (!p) return <g />;
              const href = accountsHref({ provider: p.provider });
              return (
                <a
                  href={href}
                  onClick={(e) => onClick(e, href)}
                  aria-label={`${p.name}: ${p.total} accounts`}
                >
                  <text
                    x={Number(x) - 6}
                    y={y}
                    dy={4}
                    textAnchor="end"
                    className="fill-foreground text-xs underline-offset-2 hover:underline"
                  >
                    {p.name.length > 18 ? `${p.name.slice(0, 17)}…` : p.name}
                  </text>
                </a>
              );
            }}
          />
          <ChartTooltip cursor={false} content={<ChartTooltipContent config={config} />} />
          {series.map((s: StatusSeries) => (
            <Bar
              key={s}
              dataKey={s}
              stackId="status"
              fill={`var(--color-${s})`}
              isAnimationActive={false}
              shape={linkedBar((props) => {
                const p = props.payload as (typeof data)[number];
                const n = p[s];
                return n > 0
                  ? {
                      href: accountsHref({ provider: p.provider, status: statusFilter(s) }),
                      label: `${p.name}: ${n} ${STATUS_LABELS[s].toLowerCase()}`,
                    }
                  : null;
              }, onClick)}
            />
          ))}
        </BarChart>
      </ChartContainer>
      <figcaption className="flex flex-wrap gap-4 text-xs text-muted-foreground">
        {series.map((s) => (
          <span key={s} className="flex items-center gap-1.5">
            <span className="size-2.5 rounded-[2px]" style={{ background: STATUS_COLORS[s] }} aria-hidden />
            {STATUS_LABELS[s]}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

function BrokenPerDayChart({ overview }: { overview: Overview }) {
  const onClick = useAppLinkClick();
  const config: ChartConfig = { count: { label: 'Accounts in error', color: STATUS_COLORS.error } };
  const href = accountsHref({ status: 'error' });
  return (
    <figure aria-label="Accounts in error at the end of each day, last 30 days (line)">
      <ChartContainer config={config} className="h-64">
        <LineChart
          data={overview.brokenPerDay}
          accessibilityLayer={false}
          margin={{ left: 0, right: 12, top: 8 }}
        >
          <CartesianGrid vertical={false} />
          <XAxis dataKey="day" tickFormatter={dayLabel} tickLine={false} axisLine={false} minTickGap={24} />
          <YAxis allowDecimals={false} tickLine={false} axisLine={false} width={40} />
          <ChartTooltip
            content={<ChartTooltipContent config={config} labelFormatter={(d) => dayLabel(String(d))} />}
          />
          <Line
            dataKey="count"
            type="monotone"
            stroke="var(--color-count)"
            strokeWidth={2}
            isAnimationActive={false}
            dot={({
              cx,
              cy,
              payload,
              index,
            }: {
              cx?: number;
              cy?: number;
              payload: { day: string; count: number };
              index: number;
            }) => {
              const label = `${dayLabel(payload.day)}: ${payload.count} accounts in error`;
              return (
                <a
                  key={index}
                  href={href}
                  aria-label={label}
                  onClick={(e) => onClick(e, href)}
                  className="focus:outline-none [&:focus-visible>circle]:stroke-foreground"
                >
                  <title>{label}</title>
                  <circle
                    cx={cx}
                    cy={cy}
                    r={3.5}
                    fill="var(--color-count)"
                    stroke="var(--background)"
                    strokeWidth={1.5}
                  />
                </a>
              );
            }}
          />
        </LineChart>
      </ChartContainer>
    </figure>
  );
}

function ReasonsChart({ overview }: { overview: Overview }) {
  const onClick = useAppLinkClick();
  const config: ChartConfig = { count: { label: 'Accounts', color: STATUS_COLORS.error } };
  const data = overview.topReasons.slice(0, TOP_REASONS).map((r) => ({ ...r, name: reasonLabel(r.code) }));
  if (data.length === 0) return <p className="text-sm text-muted-foreground">No account is in error.</p>;
  return (
    <figure aria-label="Accounts in error by their first reason code (bars)">
      <ChartContainer config={config} style={{ height: 24 + data.length * ROW }}>
        <BarChart data={data} layout="vertical" accessibilityLayer={false} margin={{ left: 8, right: 16 }}>
          <XAxis type="number" hide allowDecimals={false} />
          <YAxis type="category" dataKey="name" width={150} tickLine={false} axisLine={false} />
          <ChartTooltip cursor={false} content={<ChartTooltipContent config={config} />} />
          <Bar
            dataKey="count"
            fill="var(--color-count)"
            radius={3}
            isAnimationActive={false}
            shape={linkedBar((props) => {
              const r = props.payload as (typeof data)[number];
              return { href: reasonHref(r.code), label: `${r.name}: ${r.count} accounts` };
            }, onClick)}
          />
        </BarChart>
      </ChartContainer>
    </figure>
  );
}

function IncidentAgeChart({ overview }: { overview: Overview }) {
  const onClick = useAppLinkClick();
  const config: ChartConfig = { count: { label: 'Open incidents', color: 'var(--warning)' } };
  const data = INCIDENT_AGE_BUCKETS.map((b) => ({
    bucket: b,
    name: AGE_LABELS[b],
    count: overview.openIncidents.byAge[b],
  }));
  return (
    <figure aria-label="Open incidents by how long they have been open (bars)">
      <ChartContainer config={config} className="h-56">
        <BarChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 8 }}>
          <CartesianGrid vertical={false} />
          <XAxis dataKey="name" tickLine={false} axisLine={false} interval={0} />
          <YAxis allowDecimals={false} tickLine={false} axisLine={false} width={40} />
          <ChartTooltip cursor={false} content={<ChartTooltipContent config={config} />} />
          <Bar
            dataKey="count"
            fill="var(--color-count)"
            radius={3}
            isAnimationActive={false}
            shape={linkedBar((props) => {
              const d = props.payload as (typeof data)[number];
              return { href: incidentAgeHref(d.bucket), label: `${d.name}: ${d.count} incidents` };
            }, onClick)}
          />
        </BarChart>
      </ChartContainer>
    </figure>
  );
}

/** The overview's charts: the default export, for React.lazy. */
export default function OverviewCharts({ overview }: { overview: Overview }) {
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <OverviewSection
        {...SECTIONS.providers}
        className="lg:col-span-2"
        description="Click a bar for those accounts."
      >
        <ProvidersChart overview={overview} />
      </OverviewSection>
      <OverviewSection
        {...SECTIONS.brokenPerDay}
        className="lg:col-span-2"
        description="At the end of each UTC day; today is now."
      >
        <BrokenPerDayChart overview={overview} />
      </OverviewSection>
      <OverviewSection {...SECTIONS.reasons} description="First status reason of accounts in error.">
        <ReasonsChart overview={overview} />
      </OverviewSection>
      <OverviewSection {...SECTIONS.incidentAge}>
        <IncidentAgeChart overview={overview} />
      </OverviewSection>
    </div>
  );
}
