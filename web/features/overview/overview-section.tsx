import type { ReactNode } from 'react';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../components/ui/card.tsx';
import { cn } from '../../lib/cn.ts';

/** One figure of the overview: a titled card, as a chart or as a table. */
export function OverviewSection({
  id,
  title,
  description,
  className,
  children,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    <Card className={cn('min-w-0', className)} aria-labelledby={`${id}-title`} role="region">
      <CardHeader>
        <CardTitle id={`${id}-title`}>{title}</CardTitle>
        {description && <CardDescription>{description}</CardDescription>}
      </CardHeader>
      <CardContent>{children}</CardContent>
    </Card>
  );
}

export const SECTIONS = {
  providers: { id: 'overview-providers', title: 'Status by provider' },
  brokenPerDay: { id: 'overview-broken-per-day', title: 'Accounts in error per day' },
  reasons: { id: 'overview-reasons', title: 'Top reasons' },
  incidentAge: { id: 'overview-incident-age', title: 'Open incidents by age' },
} as const;
