import { INCIDENT_AGE_BUCKETS, type Overview } from '../../../shared/schemas/overview.ts';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../../components/ui/table.tsx';
import { OverviewLink } from './overview-link.tsx';
import {
  AGE_LABELS,
  dayLabel,
  providerLabel,
  reasonLabel,
  STATUS_LABELS,
  statusFilter,
  statusSeries,
} from './overview-labels.ts';
import { accountsHref, incidentAgeHref, reasonHref } from './overview-links.ts';
import { OverviewSection, SECTIONS } from './overview-section.tsx';

const numberLink = 'font-mono tabular-nums underline-offset-4 hover:underline';

/** The overview's figures as tables: every number a link to the rows behind it. */
export function OverviewTables({ overview }: { overview: Overview }) {
  const series = statusSeries(overview);
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <OverviewSection {...SECTIONS.providers} className="lg:col-span-2">
        <Table aria-label={SECTIONS.providers.title}>
          <TableHeader>
            <TableRow>
              <TableHead>Provider</TableHead>
              {series.map((s) => (
                <TableHead key={s} className="text-right">
                  {STATUS_LABELS[s]}
                </TableHead>
              ))}
              <TableHead className="text-right">Total</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {overview.byProvider.map((p) => (
              <TableRow key={p.provider}>
                <TableCell>
                  <OverviewLink
                    href={accountsHref({ provider: p.provider })}
                    className="font-medium hover:underline"
                  >
                    {providerLabel(p)}
                  </OverviewLink>
                </TableCell>
                {series.map((s) => (
                  <TableCell key={s} className="text-right">
                    <OverviewLink
                      href={accountsHref({ provider: p.provider, status: statusFilter(s) })}
                      className={numberLink}
                      aria-label={`${providerLabel(p)}: ${p[s]} ${STATUS_LABELS[s].toLowerCase()}`}
                    >
                      {p[s]}
                    </OverviewLink>
                  </TableCell>
                ))}
                <TableCell className="text-right font-mono tabular-nums">{p.total}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </OverviewSection>

      <OverviewSection {...SECTIONS.brokenPerDay}>
        <div className="max-h-80 overflow-y-auto">
          <Table aria-label={SECTIONS.brokenPerDay.title}>
            <TableHeader>
              <TableRow>
                <TableHead>Day (UTC)</TableHead>
                <TableHead className="text-right">Accounts in error</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {[...overview.brokenPerDay].reverse().map((d) => (
                <TableRow key={d.day}>
                  <TableCell>{dayLabel(d.day)}</TableCell>
                  <TableCell className="text-right">
                    <OverviewLink href={accountsHref({ status: 'error' })} className={numberLink}>
                      {d.count}
                    </OverviewLink>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      </OverviewSection>

      <OverviewSection {...SECTIONS.reasons}>
        {overview.topReasons.length === 0 ? (
          <p className="text-sm text-muted-foreground">No account is in error.</p>
        ) : (
          <Table aria-label={SECTIONS.reasons.title}>
            <TableHeader>
              <TableRow>
                <TableHead>Reason</TableHead>
                <TableHead className="text-right">Accounts in error</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {overview.topReasons.map((r) => (
                <TableRow key={r.code ?? ''}>
                  <TableCell className="font-mono text-xs">{reasonLabel(r.code)}</TableCell>
                  <TableCell className="text-right">
                    <OverviewLink
                      href={reasonHref(r.code)}
                      className={numberLink}
                      aria-label={`${reasonLabel(r.code)}: ${r.count} accounts`}
                    >
                      {r.count}
                    </OverviewLink>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </OverviewSection>

      <OverviewSection {...SECTIONS.incidentAge}>
        <Table aria-label={SECTIONS.incidentAge.title}>
          <TableHeader>
            <TableRow>
              <TableHead>Open for</TableHead>
              <TableHead className="text-right">Incidents</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {INCIDENT_AGE_BUCKETS.map((b) => (
              <TableRow key={b}>
                <TableCell>{AGE_LABELS[b]}</TableCell>
                <TableCell className="text-right">
                  <OverviewLink
                    href={incidentAgeHref(b)}
                    className={numberLink}
                    aria-label={`${AGE_LABELS[b]}: ${overview.openIncidents.byAge[b]} incidents`}
                  >
                    {overview.openIncidents.byAge[b]}
                  </OverviewLink>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </OverviewSection>
    </div>
  );
}
