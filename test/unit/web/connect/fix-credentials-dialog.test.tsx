// @vitest-environment jsdom
import '../../../support/web-setup.ts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FixCredentialsDialog } from '../../../../web/features/connect/fix-credentials-dialog.tsx';
import { accountKeys } from '../../../../web/lib/queries/accounts.ts';
import { account, mockApi, type ApiCall } from '../../../support/mock-api.ts';

interface HubProps {
  token: string;
  baseUrl: string;
  appUrl: string;
  accountId?: string;
  height?: string;
  onSuccess: (a: { id: string; provider: string }) => void;
  onClose: () => void;
}
const hub = vi.hoisted(() => ({ props: null as HubProps | null }));

// The real Hub needs a StackOne to talk to (the browser check covers it); here only its props matter.
vi.mock('@stackone/hub', () => ({
  StackOneHub: (props: HubProps) => {
    hub.props = props;
    return <p>Hub with {props.token}</p>;
  },
}));

let calls: ApiCall[];
let tokens = 0;

beforeEach(() => {
  hub.props = null;
  tokens = 0;
  calls = mockApi([
    {
      method: 'POST',
      path: '/api/accounts/acc_1/connect-session',
      respond: () => ({
        status: 201,
        body: {
          token: `tok_${++tokens}`,
          authLinkUrl: 'https://hub.example/link',
          expiresAt: '2030-01-01T00:00:00.000Z',
          hub: { baseUrl: 'https://api.example', appUrl: 'https://app.example' },
          accountId: 'acc_1',
        },
      }),
    },
  ]);
});

function Harness({ queryClient }: { queryClient: QueryClient }) {
  const [open, setOpen] = useState(false);
  return (
    <QueryClientProvider client={queryClient}>
      <button onClick={() => setOpen(true)}>Open</button>
      {open && <FixCredentialsDialog account={account()} open onOpenChange={setOpen} />}
    </QueryClientProvider>
  );
}

const sessionPosts = () => calls.filter((c) => c.method === 'POST');

describe('FixCredentialsDialog', () => {
  it('asks for a connect session only when opened, and a new one each time', async () => {
    render(<Harness queryClient={new QueryClient()} />);
    expect(sessionPosts()).toHaveLength(0);

    act(() => screen.getByRole('button', { name: 'Open' }).click());
    expect(await screen.findByText('Hub with tok_1')).toBeTruthy();
    expect(sessionPosts().map((c) => c.body)).toEqual([{ purpose: 'hub' }]);

    act(() => screen.getByRole('button', { name: 'Close' }).click());
    act(() => screen.getByRole('button', { name: 'Open' }).click());
    expect(await screen.findByText('Hub with tok_2')).toBeTruthy();
    expect(sessionPosts()).toHaveLength(2);
  });

  it('opens the Hub in edit mode for the account with the session’s token and URLs', async () => {
    render(<Harness queryClient={new QueryClient()} />);
    act(() => screen.getByRole('button', { name: 'Open' }).click());
    await screen.findByText(/^Hub with/);
    expect(hub.props).toMatchObject({
      token: 'tok_1',
      baseUrl: 'https://api.example',
      appUrl: 'https://app.example',
      accountId: 'acc_1',
      height: '520px',
    });
  });

  it('closes and refreshes the account and the lists when the Hub reports success', async () => {
    const queryClient = new QueryClient();
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries');
    render(<Harness queryClient={queryClient} />);
    act(() => screen.getByRole('button', { name: 'Open' }).click());
    await screen.findByText(/^Hub with/);

    act(() => hub.props!.onSuccess({ id: 'acc_1', provider: 'greenhouse' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(invalidate).toHaveBeenCalledWith({ queryKey: accountKeys.detail('acc_1') });
    expect(invalidate).toHaveBeenCalledWith({ queryKey: accountKeys.lists() });
  });

  it('names the upstream problem when the session cannot be created', async () => {
    mockApi([
      {
        method: 'POST',
        path: '/api/accounts/acc_1/connect-session',
        respond: () => ({
          status: 502,
          body: {
            error: {
              code: 'upstream_error',
              message: 'StackOne refused the connect session',
              upstream: { status: 500, requestId: 'req_7' },
            },
          },
        }),
      },
    ]);
    render(<Harness queryClient={new QueryClient()} />);
    act(() => screen.getByRole('button', { name: 'Open' }).click());
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('StackOne refused the connect session');
    expect(alert.textContent).toContain('StackOne answered 500 (request id req_7)');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});
