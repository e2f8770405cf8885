// @vitest-environment jsdom
import '../../../../../support/web-setup.ts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import {
  createMemoryHistory,
  createRootRoute,
  createRoute,
  createRouter,
  RouterProvider,
} from '@tanstack/react-router';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DeleteAccountDialog } from '../../../../../../web/features/accounts/actions/delete-account-dialog.tsx';
import { accountKeys } from '../../../../../../web/lib/queries/accounts.ts';
import { account, listOf, mockApi, type ApiCall } from '../../../../../support/mock-api.ts';

const acme = account({ id: 'acc_1', originOwnerName: 'Acme Corporation' });
let calls: ApiCall[];

beforeEach(() => {
  calls = mockApi([
    {
      method: 'DELETE',
      path: '/api/accounts/acc_1',
      respond: () => ({ body: { ...acme, deletedAt: '2025-01-03T00:00:00.000Z' } }),
    },
    { method: 'GET', path: '/api/accounts', respond: () => ({ body: listOf([]) }) },
  ]);
});

/** The dialog on a page at `path`, inside a router with an accounts list and an account page. */
async function renderDialog(path: string) {
  const queryClient = new QueryClient();
  const onOpenChange = vi.fn();
  const Dialog = () => <DeleteAccountDialog account={acme} open onOpenChange={onOpenChange} />;
  const rootRoute = createRootRoute();
  const routeTree = rootRoute.addChildren([
    createRoute({ getParentRoute: () => rootRoute, path: '/accounts', component: Dialog }),
    createRoute({ getParentRoute: () => rootRoute, path: '/accounts/$accountId', component: Dialog }),
  ]);
  const router = createRouter({ routeTree, history: createMemoryHistory({ initialEntries: [path] }) });
  render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  await screen.findByRole('alertdialog', { name: 'Delete account' });
  return { user: userEvent.setup(), router, queryClient, onOpenChange };
}

const deletes = () => calls.filter((c) => c.method === 'DELETE');

describe('DeleteAccountDialog', () => {
  it('explains what is lost: syncing stops, re-linking makes a new account, history keeps it', async () => {
    await renderDialog('/accounts');
    const dialog = screen.getByRole('alertdialog', { name: 'Delete account' });
    expect(dialog.textContent).toContain('StackOne stops syncing it');
    expect(dialog.textContent).toContain('Acme Corporation must link Greenhouse again');
    expect(dialog.textContent).toContain('keeps this one in its history, marked deleted');
  });

  it('keeps the delete button disabled until the provider’s name is typed, in any case', async () => {
    const { user } = await renderDialog('/accounts');
    const input = screen.getByLabelText('Type Greenhouse to confirm');
    const confirm = screen.getByRole('button', { name: 'Delete account' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);

    await user.type(input, 'Acme Corporation');
    expect(confirm.disabled).toBe(true);
    await user.clear(input);
    await user.type(input, 'greenhous');
    expect(confirm.disabled).toBe(true);
    await user.keyboard('{Enter}');
    expect(deletes()).toHaveLength(0);

    await user.type(input, 'e ');
    expect(confirm.disabled).toBe(false);
    await user.click(confirm);
    await vi.waitFor(() => expect(deletes()).toHaveLength(1));
  });

  it('removes the row from the cached lists when confirmed from the table', async () => {
    const { user, router, queryClient, onOpenChange } = await renderDialog('/accounts');
    const listKey = accountKeys.list({
      status: [],
      provider: [],
      type: [],
      reason: [],
      sort: 'updatedAt',
      order: 'desc',
      page: 1,
      pageSize: 50,
    });
    queryClient.setQueryData(listKey, listOf([acme, account({ id: 'acc_2' })]));

    await user.type(screen.getByLabelText('Type Greenhouse to confirm'), 'Greenhouse');
    await user.click(screen.getByRole('button', { name: 'Delete account' }));

    await vi.waitFor(() => expect(onOpenChange).toHaveBeenCalledWith(false));
    const list = queryClient.getQueryData<ReturnType<typeof listOf>>(listKey);
    expect(list?.items.map((a) => a.id)).toEqual(['acc_2']);
    expect(router.state.location.pathname).toBe('/accounts');
  });

  it('goes back to the accounts list when confirmed from the account’s own page', async () => {
    const { user, router } = await renderDialog('/accounts/acc_1');
    await user.type(screen.getByLabelText('Type Greenhouse to confirm'), 'Greenhouse');
    await user.click(screen.getByRole('button', { name: 'Delete account' }));
    await vi.waitFor(() => expect(router.state.location.pathname).toBe('/accounts'));
  });
});
