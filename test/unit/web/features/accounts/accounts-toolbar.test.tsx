// @vitest-environment jsdom
import '../../../../support/web-setup.ts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { AccountListResponse } from '../../../../../shared/schemas/account-filters.ts';
import { AccountsToolbar } from '../../../../../web/features/accounts/accounts-toolbar.tsx';
import { type AccountsSearch } from '../../../../../web/features/accounts/accounts-search.ts';
import { ACCOUNTS_SEARCH_DEFAULTS } from '../../../../../shared/schemas/accounts-search.ts';
import { connectorKeys } from '../../../../../web/lib/queries/connectors.ts';

const facets: AccountListResponse['facets'] = {
  status: { active: 40, error: 7, inactive: 3 },
  provider: { hibob: 30, bamboohr: 20 },
  type: { production: 45, test: 5 },
};

function renderToolbar(search: AccountsSearch) {
  const queryClient = new QueryClient();
  queryClient.setQueryData(connectorKeys.list(), {
    items: [
      { provider: 'hibob', name: 'HiBob', category: 'hris', logoUrl: null, active: true },
      { provider: 'bamboohr', name: 'BambooHR', category: 'hris', logoUrl: null, active: true },
    ],
  });
  const onSearchChange = vi.fn<(next: AccountsSearch) => void>();
  render(
    <QueryClientProvider client={queryClient}>
      <AccountsToolbar search={search} facets={facets} onSearchChange={onSearchChange} />
    </QueryClientProvider>,
  );
  return { onSearchChange, user: userEvent.setup() };
}

describe('AccountsToolbar', () => {
  it('offers the search box and the Status, Provider and Type filters, and no Reset without filters', () => {
    renderToolbar(ACCOUNTS_SEARCH_DEFAULTS);
    expect(screen.getByRole('searchbox', { name: 'Search accounts' })).toBeTruthy();
    for (const name of ['Status', 'Provider', 'Type'])
      expect(screen.getByRole('button', { name })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Reset' })).toBeNull();
  });

  it('lists facet options with their counts and checking one filters from page 1', async () => {
    const { onSearchChange, user } = renderToolbar({ ...ACCOUNTS_SEARCH_DEFAULTS, page: 4 });
    await user.click(screen.getByRole('button', { name: 'Status' }));
    const error = await screen.findByRole('checkbox', { name: 'Error' });
    expect(within(error.parentElement!).getByText('7')).toBeTruthy();
    await user.click(error);
    expect(onSearchChange).toHaveBeenLastCalledWith(expect.objectContaining({ status: ['error'], page: 1 }));
  });

  it('names providers by their connector name', async () => {
    const { user } = renderToolbar(ACCOUNTS_SEARCH_DEFAULTS);
    await user.click(screen.getByRole('button', { name: 'Provider' }));
    expect(await screen.findByRole('checkbox', { name: 'HiBob' })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'BambooHR' })).toBeTruthy();
  });

  it('shows Reset when filtered, and it clears the filters', async () => {
    const { onSearchChange, user } = renderToolbar({
      ...ACCOUNTS_SEARCH_DEFAULTS,
      q: 'acme',
      status: ['error'],
      page: 2,
    });
    await user.click(screen.getByRole('button', { name: 'Reset' }));
    expect(onSearchChange).toHaveBeenLastCalledWith(ACCOUNTS_SEARCH_DEFAULTS);
  });

  it('sends the search text after a pause, and "/" focuses the box', async () => {
    const { onSearchChange, user } = renderToolbar(ACCOUNTS_SEARCH_DEFAULTS);
    const box = screen.getByRole('searchbox', { name: 'Search accounts' });
    await user.keyboard('/');
    expect(document.activeElement).toBe(box);
    await user.keyboard('acme');
    expect(onSearchChange).not.toHaveBeenCalled();
    await vi.waitFor(() =>
      expect(onSearchChange).toHaveBeenCalledWith(expect.objectContaining({ q: 'acme', page: 1 })),
    );
    expect(onSearchChange).toHaveBeenCalledTimes(1);
  });
});
