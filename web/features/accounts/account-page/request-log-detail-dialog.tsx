import { useQuery } from '@tanstack/react-query';
import { Loader2Icon } from 'lucide-react';
import type { ReactNode } from 'react';
import type { RequestLogDetail } from '../../../../shared/schemas/request-log.ts';
import { ErrorState } from '../../../components/feedback/error-state.tsx';
import { Badge } from '../../../components/ui/badge.tsx';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
} from '../../../components/ui/dialog.tsx';
import { formatDateTime } from '../../../../shared/format.ts';
import { accountQueries } from '../../../lib/queries/accounts.ts';

const asText = (value: unknown) =>
  typeof value === 'string'
    ? value
    : value === null || value === undefined
      ? ''
      : JSON.stringify(value, null, 2);

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="grid min-w-0 gap-2" aria-label={title}>
      <h3 className="text-sm font-semibold">{title}</h3>
      {children}
    </section>
  );
}

function Code({ value, label }: { value: unknown; label: string }) {
  const text = asText(value);
  if (!text) return <p className="text-sm text-muted-foreground">None.</p>;
  return (
    <pre
      tabIndex={0}
      aria-label={label}
      className="max-h-64 overflow-auto rounded-md bg-muted p-3 font-mono text-xs break-words whitespace-pre-wrap"
    >
      {text}
    </pre>
  );
}

function Headers({ headers, label }: { headers: Record<string, string>; label: string }) {
  const entries = Object.entries(headers);
  if (entries.length === 0) return null;
  return (
    <details className="text-xs">
      <summary className="w-fit cursor-pointer text-muted-foreground select-none">{label}</summary>
      <dl className="mt-1 grid grid-cols-[minmax(0,auto)_minmax(0,1fr)] gap-x-3 gap-y-0.5 font-mono">
        {entries.map(([name, value]) => (
          <div key={name} className="contents">
            <dt className="text-muted-foreground">{name}</dt>
            <dd className="break-all">{value}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

function LogDetail({ log }: { log: RequestLogDetail }) {
  const failed = log.success === false || (log.status ?? 0) >= 400;
  return (
    <div className="grid gap-5">
      <p className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-mono font-semibold">{log.method ?? '—'}</span>
        <span className="min-w-0 font-mono break-all">{log.url ?? log.path ?? '—'}</span>
        {log.status !== null && (
          <Badge variant={failed ? 'destructive' : 'success'} className="font-mono">
            {log.status}
          </Badge>
        )}
        {log.durationMs !== null && (
          <span className="text-muted-foreground">{Math.round(log.durationMs)} ms</span>
        )}
      </p>
      {(log.providerErrors.length > 0 || log.mappingErrors.length > 0) && (
        <Section title="Provider errors">
          <ul className="grid gap-3">
            {log.providerErrors.map((e, i) => (
              <li key={`p-${i}`} className="grid gap-1">
                <p className="text-sm">
                  {e.status !== null && <span className="mr-2 font-mono font-semibold">{e.status}</span>}
                  <span className="font-mono text-xs break-all">{e.url ?? ''}</span>
                </p>
                <Code value={e.raw} label={`Provider error ${i + 1}`} />
              </li>
            ))}
            {log.mappingErrors.map((e, i) => (
              <li key={`m-${i}`} className="text-sm">
                Mapping{e.targetField ? ` of ${e.targetField}` : ''}: {e.message ?? 'no message'}
              </li>
            ))}
          </ul>
        </Section>
      )}
      <Section title="Request">
        <Code value={log.request?.body} label="Request body" />
        <Headers headers={log.request?.headers ?? {}} label="Request headers" />
      </Section>
      <Section title="Response">
        <Code value={log.response?.body} label="Response body" />
        <Headers headers={log.response?.headers ?? {}} label="Response headers" />
      </Section>
      {log.steps.length > 0 && (
        <Section title="Steps">
          <ol className="grid gap-1 text-xs">
            {log.steps.map((step, i) => (
              <li key={step.requestId ?? i} className="flex flex-wrap gap-2 font-mono">
                <span className="font-semibold">{step.method ?? '—'}</span>
                <span className="break-all">{step.url ?? step.path ?? '—'}</span>
                <span>{step.status ?? '—'}</span>
              </li>
            ))}
          </ol>
        </Section>
      )}
    </div>
  );
}

/** StackOne's `GET /requests/logs/{id}` for one row of the Request logs tab. */
export function RequestLogDetailDialog({
  accountId,
  logId,
  at,
  onClose,
}: {
  accountId: string;
  logId: string;
  at: string | null;
  onClose: () => void;
}) {
  const query = useQuery(accountQueries.log(accountId, logId));
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="sm:max-w-3xl">
        <DialogHeader>
          <DialogTitle>Request log</DialogTitle>
          <DialogDescription className="break-all">
            {logId}
            {at ? ` · ${formatDateTime(at)}` : ''}
          </DialogDescription>
        </DialogHeader>
        {query.isPending ? (
          <p role="status" className="flex items-center gap-2 text-sm text-muted-foreground">
            <Loader2Icon className="size-4 animate-spin" aria-hidden />
            Loading the request from StackOne…
          </p>
        ) : query.isError ? (
          <ErrorState
            error={query.error}
            title="The request log could not be loaded"
            onRetry={() => void query.refetch()}
          />
        ) : (
          <LogDetail log={query.data} />
        )}
      </DialogContent>
    </Dialog>
  );
}
