import type { ReactNode } from 'react';
import type { AccountDetail } from '../../../../shared/schemas/account-detail.ts';
import { Card, CardContent, CardHeader, CardTitle } from '../../../components/ui/card.tsx';
import { CopyButton } from '../../../components/ui/copy-button.tsx';
import { RelativeTime } from '../../../components/ui/relative-time.tsx';
import { formatDate, formatDateTime, formatRelative } from '../../../../shared/format.ts';

function DateValue({ value }: { value: string }) {
  // Past 30 days the relative form is a date too; then the exact time alone says it.
  const isRecent = formatRelative(value) !== formatDate(value);
  return (
    <>
      {formatDateTime(value)}{' '}
      {isRecent && (
        <span className="text-muted-foreground">
          (<RelativeTime value={value} />)
        </span>
      )}
    </>
  );
}

interface Property {
  label: string;
  value: string | null;
  display?: ReactNode;
  mono?: boolean;
}

export function AccountProperties({ detail }: { detail: AccountDetail }) {
  const { account, meta } = detail;
  const properties: Property[] = [
    { label: 'Account ID', value: account.id, mono: true },
    { label: 'Customer ID', value: account.originOwnerId, mono: true },
    { label: 'Username', value: account.originUsername },
    { label: 'Type', value: account.type },
    { label: 'Category', value: meta?.category ?? null },
    {
      label: 'Created',
      value: account.createdAt,
      display: <DateValue value={account.createdAt} />,
    },
    {
      label: 'Updated',
      value: account.updatedAt,
      display: <DateValue value={account.updatedAt} />,
    },
  ];
  return (
    <Card>
      <CardHeader>
        <CardTitle>Properties</CardTitle>
      </CardHeader>
      <CardContent>
        <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[8rem_1fr]">
          {properties.map((p) => (
            <div key={p.label} className="contents">
              <dt className="py-1 text-muted-foreground">{p.label}</dt>
              <dd className="group flex min-w-0 items-center gap-1 py-1">
                {p.value === null ? (
                  <span className="text-muted-foreground">—</span>
                ) : (
                  <>
                    <span className={p.mono ? 'truncate font-mono text-xs' : 'truncate'}>
                      {p.display ?? p.value}
                    </span>
                    <CopyButton value={p.value} label={`Copy ${p.label.toLowerCase()}`} className="-my-1" />
                  </>
                )}
              </dd>
            </div>
          ))}
        </dl>
      </CardContent>
    </Card>
  );
}
