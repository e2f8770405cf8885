import { CircleAlertIcon } from 'lucide-react';
import type { Account } from '../../../../shared/schemas/account.ts';
import { Card, CardContent, CardHeader, CardTitle } from '../../../components/ui/card.tsx';
import { formatBrokenFor, formatDateTime, formatRelative } from '../../../../shared/format.ts';
import { useNow } from '../../../lib/use-now.ts';

/** When the account went bad: the oldest reason StackOne still reports. */
export function brokenSince(account: Pick<Account, 'status' | 'statusReasons'>): string | null {
  if (account.status === 'active' || account.statusReasons.length === 0) return null;
  return account.statusReasons.map((r) => r.timestamp).sort()[0] ?? null;
}

export function StatusReasons({ account }: { account: Account }) {
  const now = useNow();
  const since = brokenSince(account);
  return (
    <Card>
      <CardHeader className="flex-row items-center justify-between">
        <CardTitle>Status reasons</CardTitle>
        {since && (
          <span className="text-xs font-medium text-red-700 dark:text-red-400">
            {formatBrokenFor(since, now, account.status)}
          </span>
        )}
      </CardHeader>
      <CardContent>
        {account.statusReasons.length === 0 ? (
          <p className="text-sm text-muted-foreground">
            {account.status === 'active'
              ? 'Healthy — StackOne reports no problem.'
              : 'StackOne gave no reason.'}
          </p>
        ) : (
          <ul className="grid gap-3">
            {account.statusReasons.map((reason, i) => (
              <li key={`${reason.timestamp}-${i}`} className="flex gap-3">
                <CircleAlertIcon
                  className="mt-0.5 size-4 shrink-0 text-red-600 dark:text-red-400"
                  aria-hidden
                />
                <div className="grid gap-0.5">
                  <div className="flex flex-wrap items-center gap-x-2">
                    {reason.code && (
                      <code className="rounded bg-muted px-1.5 py-0.5 font-mono text-xs">{reason.code}</code>
                    )}
                    <time
                      dateTime={reason.timestamp}
                      className="text-xs text-muted-foreground"
                      title={formatDateTime(reason.timestamp)}
                    >
                      {formatDateTime(reason.timestamp)} · {formatRelative(reason.timestamp, now)}
                    </time>
                  </div>
                  <p className="text-sm">{reason.description ?? 'No description'}</p>
                </div>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
