// @vitest-environment jsdom
import '../../../support/web-setup.ts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { User } from '../../../../shared/schemas/users.ts';
import { UsersScreen } from '../../../../web/features/users/users-screen.tsx';
import { sessionKeys } from '../../../../web/lib/queries/session.ts';
import { mockApi, type ApiCall } from '../../../support/mock-api.ts';

const admin: User = {
  id: 'u_admin',
  email: 'admin@example.com',
  name: 'Ada Admin',
  role: 'admin',
  disabled: false,
  createdAt: '2025-01-01T00:00:00.000Z',
  signInMethod: 'email',
  roleSource: 'local',
};
const sam: User = { ...admin, id: 'u_sam', email: 'sam@example.com', name: 'Sam', role: 'support' };
const LAST_ADMIN = 'This is the last active admin: make another user admin first';

let calls: ApiCall[];

beforeEach(() => {
  calls = mockApi([
    { method: 'GET', path: '/api/users', respond: () => ({ body: { items: [admin, sam] } }) },
    {
      method: 'PATCH',
      path: '/api/users/u_admin',
      respond: ({ body }) => ({
        status: 409,
        body: {
          error: {
            code: 'conflict',
            message: LAST_ADMIN,
            fields: (body as { disabled?: boolean }).disabled
              ? { disabled: 'The last admin cannot be disabled' }
              : { role: 'The last admin keeps the admin role' },
          },
        },
      }),
    },
    {
      method: 'PATCH',
      path: '/api/users/u_sam',
      respond: ({ body }) => ({ body: { ...sam, ...(body as object) } }),
    },
  ]);
});

function renderScreen() {
  const queryClient = new QueryClient();
  queryClient.setQueryData(sessionKeys.me(), { user: admin, permissions: ['users:manage'] });
  render(
    <QueryClientProvider client={queryClient}>
      <UsersScreen />
    </QueryClientProvider>,
  );
  return userEvent.setup();
}

describe('UsersScreen', () => {
  it('lists users with their role, status and the signed-in one marked', async () => {
    renderScreen();
    const row = (await screen.findByRole('cell', { name: /admin@example.com/ })).closest('tr')!;
    expect(within(row).getByText('(you)')).toBeTruthy();
    expect(within(row).getByRole('combobox', { name: 'Role of admin@example.com' }).textContent).toBe(
      'Admin',
    );
    expect(within(row).getByText('Active')).toBeTruthy();
  });

  it('says plainly why the last admin cannot be disabled, inside the confirmation', async () => {
    const user = renderScreen();
    await user.click(await screen.findByRole('button', { name: 'Disable admin@example.com' }));
    const dialog = screen.getByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: 'Disable user' }));

    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('admin@example.com stays enabled');
    expect(alert.textContent).toContain(LAST_ADMIN);
    expect(calls.filter((c) => c.method === 'PATCH').map((c) => c.body)).toEqual([{ disabled: true }]);
  });

  it('disables another user after confirmation', async () => {
    const user = renderScreen();
    await user.click(await screen.findByRole('button', { name: 'Disable sam@example.com' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Disable user' }));
    await vi.waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(calls.filter((c) => c.method === 'PATCH')).toEqual([
      expect.objectContaining({ path: '/api/users/u_sam', body: { disabled: true } }),
    ]);
  });

  it('refuses a reset password shorter than the minimum before asking the server', async () => {
    const user = renderScreen();
    await user.click(await screen.findByRole('button', { name: 'Reset password of sam@example.com' }));
    const dialog = screen.getByRole('dialog', { name: 'Reset password' });
    await user.type(within(dialog).getByLabelText('New password'), 'short');
    await user.click(within(dialog).getByRole('button', { name: 'Reset password' }));
    expect(await within(dialog).findByText('Password has at least 10 characters')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'PATCH')).toHaveLength(0);
  });
});
