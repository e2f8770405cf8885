import { Link } from '@tanstack/react-router';
import { ChevronLeftIcon } from 'lucide-react';
import type { Account } from '../../../../shared/schemas/account.ts';
import { ProviderName } from '../../../components/provider/provider-name.tsx';
import { Badge } from '../../../components/ui/badge.tsx';
import { formatBrokenFor } from '../../../../shared/format.ts';
import { useNow } from '../../../lib/use-now.ts';
import { AccountStatusBadge } from '../account-status-badge.tsx';
import { InlineLabelEdit } from '../actions/inline-label-edit.tsx';
import { AccountPageActions } from './account-page-actions.tsx';
import { lastAccountsListSearch } from '../accounts-list-memory.ts';
import { brokenSince } from './status-reasons.tsx';

export function AccountHeader({ account }: { account: Account }) {
  const now = useNow();
  const since = brokenSince(account);
  return (
    <div className="mb-5 grid gap-3">
      <Link
        to="/accounts"
        search={lastAccountsListSearch}
        className="inline-flex w-fit items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
      >
        <ChevronLeftIcon className="size-4" aria-hidden />
        Accounts
      </Link>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="grid gap-2">
          <h1 className="text-2xl font-semibold tracking-tight">{account.originOwnerName}</h1>
          <div className="flex flex-wrap items-center gap-x-3 gap-y-2 text-sm">
            <ProviderName account={account} className="inline-flex items-center gap-2 font-medium" />
            <InlineLabelEdit account={account} />
            <AccountStatusBadge status={account.status} />
            {since && (
              <span className="text-xs text-red-700 dark:text-red-400">
                {formatBrokenFor(since, now, account.status)}
              </span>
            )}
            {account.deletedAt && <Badge variant="destructive">Deleted</Badge>}
          </div>
        </div>
        <AccountPageActions account={account} />
      </div>
    </div>
  );
}
