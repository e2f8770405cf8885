import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { ChevronLeftIcon } from 'lucide-react';
import { ErrorState } from '../../components/feedback/error-state.tsx';
import { PageHeader } from '../../components/layout/page-header.tsx';
import { accountQueries } from '../../lib/queries/accounts.ts';
import { customerQueries } from '../../lib/queries/customers.ts';
import { hasActiveFilters, type AccountsSearch } from '../accounts/accounts-search.ts';
import { AccountsTable } from '../accounts/accounts-table.tsx';
import { AddAccountButton } from '../connect/add-account-button.tsx';
import { CustomerAttention } from './customer-attention.tsx';
import { CustomerLinks } from './customer-links.tsx';
import { StatusCounts } from './status-counts.tsx';

export interface CustomerPageProps {
  ownerId: string;
  /** The accounts table's URL state, without the owner (the page fixes it). */
  search: AccountsSearch;
  onSearchChange: (next: AccountsSearch) => void;
}

/** One customer: what needs attention, their links, their accounts, and Add account for them. */
export function CustomerPage({ ownerId, search, onSearchChange }: CustomerPageProps) {
  const accounts = useQuery({
    ...accountQueries.list({ ...search, ownerId }),
    placeholderData: keepPreviousData,
  });
  // The customers list answers the name and the counts of every status, whatever the table shows.
  const customers = useQuery(customerQueries.list({ q: ownerId, page: 1, pageSize: 50 }));
  const customer = customers.data?.items.find((c) => c.ownerId === ownerId);
  const ownerName = customer?.ownerName ?? accounts.data?.items[0]?.originOwnerName;

  // Unknown to the index: no account has this owner (a customers search can hold other owners too).
  if (accounts.isSuccess && accounts.data.total === 0 && !hasActiveFilters(search) && !customer)
    return (
      <ErrorState
        error={new Error(`No customer with the id ${ownerId} has an account in the index.`)}
        onRetry={() => void customers.refetch()}
      />
    );

  return (
    <>
      <Link
        to="/customers"
        className="mb-2 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
      >
        <ChevronLeftIcon className="size-4" aria-hidden />
        Customers
      </Link>
      <PageHeader
        title={ownerName ?? ownerId}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span className="font-mono">{ownerId}</span>
            {customer && <StatusCounts byStatus={customer.byStatus} />}
          </span>
        }
        actions={ownerName !== undefined && <AddAccountButton customer={{ ownerId, ownerName }} />}
      />
      <div className="grid gap-4">
        <div className="grid gap-4 lg:grid-cols-2">
          <CustomerAttention ownerId={ownerId} />
          <CustomerLinks ownerId={ownerId} />
        </div>
        <section aria-labelledby="customer-accounts-heading" className="grid gap-3">
          <h2 id="customer-accounts-heading" className="text-lg font-semibold">
            Accounts
          </h2>
          {accounts.isError && !accounts.data ? (
            <ErrorState error={accounts.error} onRetry={() => void accounts.refetch()} />
          ) : (
            <AccountsTable
              search={search}
              onSearchChange={onSearchChange}
              fixed={{ ownerId }}
              data={accounts.data}
              isLoading={accounts.isPending}
              isFetching={accounts.isPlaceholderData}
            />
          )}
        </section>
      </div>
    </>
  );
}
