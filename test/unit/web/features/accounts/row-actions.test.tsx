// @vitest-environment jsdom
import '../../../../support/web-setup.ts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import {
  createMemoryHistory,
  createRootRoute,
  createRoute,
  createRouter,
  RouterProvider,
} from '@tanstack/react-router';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS } from '../../../../../shared/permissions.ts';
import type { Role } from '../../../../../shared/schemas/roles.ts';
import { RowActions } from '../../../../../web/features/accounts/row-actions.tsx';
import { sessionKeys } from '../../../../../web/lib/queries/session.ts';
import { account } from '../../../../support/mock-api.ts';

const acme = account({ id: 'acc_1', originOwnerName: 'Acme Corporation', providerName: 'BambooHR' });
const NAME = 'Actions for Acme Corporation BambooHR';

/** Three rows of the accounts table, signed in with `role`. */
async function renderRows(role: Role | 'nobody') {
  const queryClient = new QueryClient();
  queryClient.setQueryData(sessionKeys.me(), {
    user: { id: 'u1', email: 'a@b.c', name: 'A', role: 'admin', disabled: false, createdAt: '' },
    permissions: role === 'nobody' ? [] : [...ROLE_PERMISSIONS[role]],
  });
  const Rows = () => (
    <table>
      <tbody>
        {[acme, account({ id: 'acc_2' }), account({ id: 'acc_3' })].map((a) => (
          <tr key={a.id}>
            <td>
              <RowActions account={a} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  const rootRoute = createRootRoute();
  const routeTree = rootRoute.addChildren([
    createRoute({ getParentRoute: () => rootRoute, path: '/accounts', component: Rows }),
  ]);
  const router = createRouter({ routeTree, history: createMemoryHistory({ initialEntries: ['/accounts'] }) });
  render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { user: userEvent.setup() };
}

describe('RowActions', () => {
  it('shows a closed menu button per row without mounting a menu for each', async () => {
    await renderRows('admin');
    const button = await screen.findByRole('button', { name: NAME });
    expect(button.getAttribute('aria-haspopup')).toBe('menu');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(button.getAttribute('data-state')).toBe('closed');
    // A Radix trigger carries the id its menu is labelled by; the stand-in has none until pressed.
    expect(screen.getAllByRole('button').map((b) => b.id)).toEqual(['', '', '']);
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('opens the real menu on the first click, with the actions the role allows, focus in the menu', async () => {
    const { user } = await renderRows('admin');
    await user.click(await screen.findByRole('button', { name: NAME }));
    const menu = await screen.findByRole('menu');
    expect(screen.getAllByRole('menuitem').map((i) => i.textContent)).toEqual([
      'Open',
      'Fix credentials',
      'Send re-link link',
      'Edit label',
      'Delete account',
    ]);
    await waitFor(() => expect(document.activeElement).toBe(menu));
    expect(screen.getByRole('button', { name: NAME, hidden: true }).getAttribute('aria-expanded')).toBe(
      'true',
    );

    // Escape closes it and gives focus back to the row's button; it opens again like any menu.
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('menu')).toBeNull());
    const trigger = screen.getByRole('button', { name: NAME });
    await waitFor(() => expect(document.activeElement).toBe(trigger));
    await user.click(trigger);
    await screen.findByRole('menu');
  });

  it('opened from the keyboard, focuses the first item as Radix does', async () => {
    const { user } = await renderRows('viewer');
    const button = await screen.findByRole('button', { name: NAME });
    button.focus();
    await user.keyboard('{Enter}');
    await screen.findByRole('menu');
    expect(screen.getAllByRole('menuitem').map((i) => i.textContent)).toEqual(['Open']);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: 'Open' })));
  });

  it('shows no button to a user who may run none of the actions', async () => {
    await renderRows('nobody');
    await screen.findByRole('table');
    expect(screen.queryAllByRole('button')).toEqual([]);
  });
});
