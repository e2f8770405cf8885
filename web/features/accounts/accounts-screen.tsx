import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ErrorState } from '../../components/feedback/error-state.tsx';
import { PageHeader } from '../../components/layout/page-header.tsx';
import { accountQueries } from '../../lib/queries/accounts.ts';
import { AddAccountButton } from '../connect/add-account-button.tsx';
import type { AccountsSearch } from './accounts-search.ts';
import { AccountsTable } from './accounts-table.tsx';
import { SyncIndicator } from './sync-indicator.tsx';

export interface AccountsScreenProps {
  search: AccountsSearch;
  onSearchChange: (next: AccountsSearch, options?: { replace?: boolean }) => void;
}

export function AccountsScreen({ search, onSearchChange }: AccountsScreenProps) {
  // The previous page stays on screen (dimmed) while the next one loads, so the table never blinks.
  const query = useQuery({ ...accountQueries.list(search), placeholderData: keepPreviousData });
  const { data, dataUpdatedAt } = query;

  return (
    <>
      <PageHeader
        title="Accounts"
        description="Every StackOne linked account of your customers, mirrored and searchable."
        actions={
          <>
            {data && <SyncIndicator data={data} fetchedAt={dataUpdatedAt} />}
            <AddAccountButton />
          </>
        }
      />
      {query.isError && !data ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <AccountsTable
          search={search}
          onSearchChange={onSearchChange}
          data={data}
          isLoading={query.isPending}
          isFetching={query.isPlaceholderData}
        />
      )}
    </>
  );
}
