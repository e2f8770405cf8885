import { useQuery } from '@tanstack/react-query';
import type { AccountDetail } from '../../../../shared/schemas/account-detail.ts';
import { ErrorState } from '../../../components/feedback/error-state.tsx';
import { CopyButton } from '../../../components/ui/copy-button.tsx';
import { accountQueries } from '../../../lib/queries/accounts.ts';

function JsonPanel({ title, json, label }: { title: string; json: string; label: string }) {
  return (
    <section className="grid min-w-0 content-start gap-2">
      <div className="flex items-center justify-between gap-2">
        <h3 className="text-sm font-semibold">{title}</h3>
        <CopyButton value={json} label={`Copy ${title}`} text="Copy JSON" variant="outline" />
      </div>
      <pre
        className="max-h-[70vh] overflow-auto rounded-lg border bg-muted/40 p-4 font-mono text-xs leading-relaxed"
        tabIndex={0}
        aria-label={label}
      >
        {json}
      </pre>
    </section>
  );
}

/** StackOne's own payload for the account, as it sent it, beside Switchboard's view of it. */
export function RawTab({ detail }: { detail: AccountDetail }) {
  const raw = useQuery(accountQueries.raw(detail.account.id));
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      {raw.isError ? (
        <ErrorState
          error={raw.error}
          title="StackOne's payload could not be loaded"
          onRetry={() => void raw.refetch()}
        />
      ) : (
        <JsonPanel
          title="As StackOne sent it"
          label="StackOne's account JSON"
          json={raw.data ? JSON.stringify(raw.data, null, 2) : 'Loading from StackOne…'}
        />
      )}
      <JsonPanel title="Switchboard's view" label="Account as JSON" json={JSON.stringify(detail, null, 2)} />
    </div>
  );
}
