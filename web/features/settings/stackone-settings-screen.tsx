import { useQuery } from '@tanstack/react-query';
import { RefreshCwIcon } from 'lucide-react';
import type { DoctorReport } from '../../../shared/schemas/doctor.ts';
import { ErrorState } from '../../components/feedback/error-state.tsx';
import { PageHeader } from '../../components/layout/page-header.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Card, CardContent } from '../../components/ui/card.tsx';
import { Skeleton } from '../../components/ui/skeleton.tsx';
import { formatDateTime } from '../../../shared/format.ts';
import { settingsQueries } from '../../lib/queries/settings.ts';
import { DoctorCheckItem } from './doctor-check-item.tsx';
import { SettingsNav } from './settings-nav.tsx';

function summary(report: DoctorReport): string {
  const n = (level: string) => report.checks.filter((c) => c.level === level).length;
  const [fail, warn] = [n('fail'), n('warn')];
  if (fail) return `${fail} failed, ${warn} warning${warn === 1 ? '' : 's'}`;
  if (warn) return `No failures, ${warn} warning${warn === 1 ? '' : 's'}`;
  return 'Every check passed';
}

/** Settings → StackOne: the report of `npm run doctor` against the console's StackOne. */
export function StackOneSettingsScreen() {
  const query = useQuery(settingsQueries.stackOneDoctor());
  const report = query.data;
  const running = query.isFetching;
  return (
    <>
      <PageHeader
        title={
          <>
            <span className="font-normal text-muted-foreground">Settings → </span>StackOne
          </>
        }
        description="A read-only check of the StackOne this console talks to (the same report as npm run doctor). Nothing is changed."
        actions={
          <Button size="sm" variant="outline" disabled={running} onClick={() => void query.refetch()}>
            <RefreshCwIcon aria-hidden className={running ? 'animate-spin' : undefined} />
            {running ? 'Running…' : 'Run again'}
          </Button>
        }
      />
      <SettingsNav />
      <p role="status" className="sr-only">
        {running ? 'Checking StackOne…' : report ? `Check finished: ${summary(report)}` : ''}
      </p>
      {query.isError && !running ? (
        <ErrorState
          error={query.error}
          title="The check could not run"
          onRetry={() => void query.refetch()}
        />
      ) : !report ? (
        <div className="grid gap-3" aria-busy="true" aria-label="Checking StackOne">
          <p className="text-sm text-muted-foreground">Checking StackOne… this takes a few seconds.</p>
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} className="h-14" />
          ))}
        </div>
      ) : (
        <Card aria-busy={running}>
          <CardContent className="grid gap-1 pt-4">
            <p className="text-sm">
              <span className="font-medium">{summary(report)}</span>
              <span className="text-muted-foreground">
                {' '}
                · {report.sandbox ? `the embedded sandbox (${report.target})` : report.target} · checked{' '}
                {formatDateTime(report.checkedAt)}
              </span>
            </p>
            <ul aria-label="Checks" className="divide-y">
              {report.checks.map((check) => (
                <DoctorCheckItem key={check.id} check={check} />
              ))}
            </ul>
          </CardContent>
        </Card>
      )}
    </>
  );
}
