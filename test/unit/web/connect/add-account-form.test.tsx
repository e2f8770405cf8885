// @vitest-environment jsdom
import '../../../support/web-setup.ts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AddAccountForm } from '../../../../web/features/connect/add-account-form.tsx';
import type { AddAccountFormInput } from '../../../../web/features/connect/add-account-schema.ts';
import { account, listOf, mockApi, type ApiCall } from '../../../support/mock-api.ts';

const session = {
  token: 'tok_1',
  authLinkUrl: 'https://hub.example/link',
  expiresAt: '2030-01-01T00:00:00.000Z',
  hub: { baseUrl: 'https://api.example', appUrl: 'https://app.example' },
  accountId: null,
};

const connectors = [
  { provider: 'greenhouse', name: 'Greenhouse', category: 'ats', logoUrl: null, active: true },
  { provider: 'hibob', name: 'HiBob', category: 'hris', logoUrl: null, active: true },
];

let calls: ApiCall[];

beforeEach(() => {
  calls = mockApi([
    { method: 'GET', path: '/api/connectors', respond: () => ({ body: { items: connectors } }) },
    {
      method: 'GET',
      path: '/api/accounts',
      // Acme already has a Greenhouse account; nobody has anything else.
      respond: ({ query }) => ({
        body: listOf(
          query.get('ownerId') === 'acme' && query.get('provider') === 'greenhouse'
            ? [account({ label: 'US entity' })]
            : [],
        ),
      }),
    },
    { method: 'POST', path: '/api/connect-sessions', respond: () => ({ status: 201, body: session }) },
  ]);
});

function renderForm(prefill?: Partial<AddAccountFormInput>) {
  const onSessionCreated = vi.fn();
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <AddAccountForm
        prefill={prefill}
        onSessionCreated={onSessionCreated}
        footer={({ isPending }) => (
          <button type="submit" disabled={isPending}>
            Continue
          </button>
        )}
      />
    </QueryClientProvider>,
  );
  return { onSessionCreated, user: userEvent.setup() };
}

const sessionPosts = () => calls.filter((c) => c.method === 'POST' && c.path === '/api/connect-sessions');

async function chooseProvider(user: ReturnType<typeof userEvent.setup>, name: string) {
  await user.click(screen.getByRole('combobox', { name: 'Provider' }));
  await user.click(await screen.findByRole('option', { name: new RegExp(name) }));
}

describe('AddAccountForm', () => {
  it('requires a customer ID, a customer name and a provider before creating any session', async () => {
    const { user, onSessionCreated } = renderForm();
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    expect(await screen.findByText('Customer ID is required')).toBeTruthy();
    expect(screen.getByText('Customer name is required')).toBeTruthy();
    expect(screen.getByText('Choose a provider, or let the customer choose')).toBeTruthy();
    expect(screen.getByLabelText('Customer ID').getAttribute('aria-invalid')).toBe('true');
    expect(sessionPosts()).toHaveLength(0);
    expect(onSessionCreated).not.toHaveBeenCalled();
  });

  it('requires a label when the customer already has an account with that provider, and explains why', async () => {
    const { user, onSessionCreated } = renderForm();
    await user.type(screen.getByLabelText('Customer ID'), 'acme');
    await user.type(screen.getByLabelText('Customer name'), 'Acme Corporation');
    await chooseProvider(user, 'Greenhouse');

    expect(
      await screen.findByText(
        'Acme Corporation already has a Greenhouse account. A label tells them apart, e.g. "EU entity".',
      ),
    ).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(
      await screen.findByText('A label is required: Acme Corporation already has a Greenhouse account'),
    ).toBeTruthy();
    expect(sessionPosts()).toHaveLength(0);

    await user.type(screen.getByLabelText('Label'), 'EU entity');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await vi.waitFor(() => expect(onSessionCreated).toHaveBeenCalledTimes(1));
    expect(sessionPosts().map((c) => c.body)).toEqual([
      {
        originOwnerId: 'acme',
        originOwnerName: 'Acme Corporation',
        provider: 'greenhouse',
        label: 'EU entity',
        multiple: true,
        purpose: 'hub',
      },
    ]);
  });

  it('asks the index whether that customer has that provider, one account at most', async () => {
    const { user } = renderForm();
    await user.type(screen.getByLabelText('Customer ID'), 'acme');
    await chooseProvider(user, 'Greenhouse');
    await vi.waitFor(() =>
      expect(
        calls.some(
          (c) =>
            c.path === '/api/accounts' &&
            c.query.get('ownerId') === 'acme' &&
            c.query.get('provider') === 'greenhouse' &&
            c.query.get('pageSize') === '1',
        ),
      ).toBe(true),
    );
  });

  it('leaves the label optional for a provider the customer does not have yet', async () => {
    const { user, onSessionCreated } = renderForm({
      originOwnerId: 'acme',
      originOwnerName: 'Acme Corporation',
    });
    await chooseProvider(user, 'HiBob');
    await user.type(screen.getByLabelText('Username'), 'jane@acme.example');
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    await vi.waitFor(() => expect(onSessionCreated).toHaveBeenCalledTimes(1));
    expect(sessionPosts()[0]?.body).toEqual({
      originOwnerId: 'acme',
      originOwnerName: 'Acme Corporation',
      originUsername: 'jane@acme.example',
      provider: 'hibob',
      multiple: true,
      purpose: 'hub',
    });
    expect(screen.queryByText(/already has a/)).toBeNull();
  });

  it('lets the customer choose among the checked categories instead of one provider', async () => {
    const { user, onSessionCreated } = renderForm({
      originOwnerId: 'acme',
      originOwnerName: 'Acme Corporation',
    });
    await chooseProvider(user, 'Let the customer choose');
    await user.click(await screen.findByRole('checkbox', { name: 'HRIS' }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    await vi.waitFor(() => expect(onSessionCreated).toHaveBeenCalledTimes(1));
    expect(sessionPosts()[0]?.body).toMatchObject({ categories: ['hris'], multiple: true });
    expect(sessionPosts()[0]?.body).not.toHaveProperty('provider');
  });

  it('fills the customer name when an existing customer is picked from the suggestions', async () => {
    calls = mockApi([
      { method: 'GET', path: '/api/connectors', respond: () => ({ body: { items: connectors } }) },
      {
        method: 'GET',
        path: '/api/accounts',
        respond: ({ query }) => ({ body: listOf(query.get('q') ? [account()] : []) }),
      },
    ]);
    const { user } = renderForm();
    await user.type(screen.getByLabelText('Customer ID'), 'ac');
    await user.click(await screen.findByRole('option', { name: /Acme Corporation/ }));

    expect((screen.getByLabelText('Customer ID') as HTMLInputElement).value).toBe('acme');
    expect((screen.getByLabelText('Customer name') as HTMLInputElement).value).toBe('Acme Corporation');
  });

  it('puts the server’s field errors on the matching inputs', async () => {
    calls = mockApi([
      { method: 'GET', path: '/api/connectors', respond: () => ({ body: { items: connectors } }) },
      { method: 'GET', path: '/api/accounts', respond: () => ({ body: listOf([]) }) },
      {
        method: 'POST',
        path: '/api/connect-sessions',
        respond: () => ({
          status: 400,
          body: {
            error: {
              code: 'bad_request',
              message: 'Invalid json: originOwnerId: taken',
              fields: { originOwnerId: 'This customer ID is reserved' },
            },
          },
        }),
      },
    ]);
    const { user, onSessionCreated } = renderForm({
      originOwnerId: 'acme',
      originOwnerName: 'Acme Corporation',
    });
    await chooseProvider(user, 'HiBob');
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    expect(await screen.findByText('This customer ID is reserved')).toBeTruthy();
    expect(onSessionCreated).not.toHaveBeenCalled();
  });
});
