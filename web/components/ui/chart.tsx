import type { ComponentProps, CSSProperties, ReactNode } from 'react';
import { ResponsiveContainer, Tooltip } from 'recharts';
import { cn } from '../../lib/cn.ts';

/*
 * shadcn's chart recipe: recharts composed as is, with a config of series (label, colour) turned into
 * `--color-<key>` variables that the chart's fills and strokes name. This module imports recharts:
 * import it only from code that is itself loaded lazily, so recharts stays out of the first screens.
 */

export type ChartConfig = Record<string, { label: string; color: string }>;

export function ChartContainer({
  config,
  className,
  style,
  children,
  ...props
}: Omit<ComponentProps<'div'>, 'children'> & { config: ChartConfig; children: ReactNode }) {
  const vars = Object.fromEntries(Object.entries(config).map(([key, s]) => [`--color-${key}`, s.color]));
  return (
    <div
      data-slot="chart"
      className={cn(
        'w-full text-xs',
        '[&_.recharts-cartesian-axis-tick_text]:fill-muted-foreground',
        '[&_.recharts-cartesian-grid_line]:stroke-border',
        '[&_.recharts-rectangle.recharts-tooltip-cursor]:fill-muted',
        '[&_.recharts-curve.recharts-tooltip-cursor]:stroke-border',
        '[&_.recharts-surface]:outline-hidden',
        className,
      )}
      style={{ ...vars, ...style } as CSSProperties}
      {...props}
    >
      <ResponsiveContainer width="100%" height="100%">
        {children}
      </ResponsiveContainer>
    </div>
  );
}

export const ChartTooltip = Tooltip;

interface TooltipItem {
  name?: string | number;
  value?: unknown;
  dataKey?: string | number | ((obj: unknown) => unknown);
  color?: string;
}

/** The tooltip box: a heading and one line per series, each with its colour swatch. */
export function ChartTooltipContent({
  active,
  payload,
  label,
  config,
  labelFormatter,
}: {
  active?: boolean;
  payload?: readonly TooltipItem[];
  label?: unknown;
  config: ChartConfig;
  labelFormatter?: (label: unknown) => ReactNode;
}) {
  if (!active || !payload?.length) return null;
  return (
    <div className="grid min-w-32 gap-1.5 rounded-lg border bg-background px-2.5 py-1.5 text-xs shadow-xl">
      <div className="font-medium">{labelFormatter ? labelFormatter(label) : String(label ?? '')}</div>
      {payload.map((item) => {
        const key = String(item.dataKey ?? item.name ?? '');
        const series = config[key];
        return (
          <div key={key} className="flex items-center gap-2">
            <span
              className="size-2.5 shrink-0 rounded-[2px]"
              style={{ background: series?.color ?? item.color }}
              aria-hidden
            />
            <span className="text-muted-foreground">{series?.label ?? item.name}</span>
            <span className="ml-auto font-mono font-medium tabular-nums">{String(item.value ?? '')}</span>
          </div>
        );
      })}
    </div>
  );
}
