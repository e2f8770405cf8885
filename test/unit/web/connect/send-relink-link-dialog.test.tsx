// @vitest-environment jsdom
import '../../../support/web-setup.ts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { SendRelinkLinkDialog } from '../../../../web/features/connect/send-relink-link-dialog.tsx';
import { formatLinkExpiry } from '../../../../web/features/connect/relink-expiry.ts';
import { account, mockApi, type ApiCall } from '../../../support/mock-api.ts';

const DAY = 86_400;
let allCalls: ApiCall[];
/** The calls that make links (the last-link read aside). */
const made = () => allCalls.filter((c) => c.method === 'POST');

beforeEach(() => {
  allCalls = mockApi([
    // The dialog shows the account's last link first: this account has none yet.
    {
      method: 'GET',
      path: '/api/links',
      respond: () => ({ status: 200, body: { items: [], total: 0, facets: { state: {}, provider: {} } } }),
    },
    {
      method: 'POST',
      path: '/api/accounts/acc_1/connect-session',
      respond: ({ body }) => ({
        status: 201,
        body: {
          token: 'tok_1',
          authLinkUrl: 'https://hub.example/link?token=tok_1',
          expiresAt: new Date(Date.now() + (body as { expiresIn: number }).expiresIn * 1000).toISOString(),
          hub: { baseUrl: 'https://api.example', appUrl: 'https://app.example' },
          accountId: 'acc_1',
        },
      }),
    },
  ]);
});

function renderDialog() {
  const user = userEvent.setup();
  render(
    <QueryClientProvider client={new QueryClient()}>
      <SendRelinkLinkDialog account={account()} open onOpenChange={() => {}} />
    </QueryClientProvider>,
  );
  return user;
}

describe('SendRelinkLinkDialog', () => {
  it('offers 1 hour, 1 day, 7 days and 30 days, with 7 days chosen', () => {
    renderDialog();
    const group = screen.getByRole('radiogroup', { name: 'Link expires in' });
    expect(group).toBeTruthy();
    const radios = screen.getAllByRole('radio') as HTMLInputElement[];
    expect(radios.map((r) => r.labels?.[0]?.textContent)).toEqual(['1 hour', '1 day', '7 days', '30 days']);
    expect((screen.getByRole('radio', { name: '7 days' }) as HTMLInputElement).checked).toBe(true);
    expect(made()).toHaveLength(0);
  });

  it('sends the chosen expiry in seconds and shows the link, its expiry and a Copy link button', async () => {
    const user = renderDialog();
    await user.click(screen.getByRole('radio', { name: '30 days' }));
    await user.click(screen.getByRole('button', { name: 'Create link' }));

    const link = (await screen.findByLabelText('Re-link link')) as HTMLInputElement;
    expect(made().map((c) => c.body)).toEqual([{ purpose: 'auth_link', expiresIn: 30 * DAY }]);
    expect(link.value).toBe('https://hub.example/link?token=tok_1');
    expect(link.readOnly).toBe(true);
    expect(screen.getByText(/^Expires .* \(in 30 days\)$/)).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Copy link' }));
    expect(await navigator.clipboard.readText()).toBe('https://hub.example/link?token=tok_1');
  });

  it('asks for one hour when 1 hour is chosen', async () => {
    const user = renderDialog();
    await user.click(screen.getByRole('radio', { name: '1 hour' }));
    await user.click(screen.getByRole('button', { name: 'Create link' }));
    await screen.findByLabelText('Re-link link');
    expect(made().map((c) => c.body)).toEqual([{ purpose: 'auth_link', expiresIn: 3600 }]);
  });

  it('names the upstream problem when the link cannot be created', async () => {
    mockApi([
      {
        method: 'POST',
        path: '/api/accounts/acc_1/connect-session',
        respond: () => ({
          status: 503,
          body: {
            error: {
              code: 'upstream_unavailable',
              message: 'StackOne is unavailable',
              upstream: { status: 503, requestId: 'req_42' },
            },
          },
        }),
      },
    ]);
    const user = renderDialog();
    await user.click(screen.getByRole('button', { name: 'Create link' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('StackOne is unavailable');
    expect(alert.textContent).toContain('StackOne answered 503 (request id req_42)');
  });
});

describe('formatLinkExpiry', () => {
  it('writes the day, the time and how long is left, rounded', () => {
    const now = Date.parse('2025-11-22T14:02:00');
    const at = new Date(now + 7 * DAY * 1000 - 1500).toISOString();
    expect(formatLinkExpiry(at, now)).toBe('Expires 29 Nov, 14:01 (in 7 days)');
    expect(formatLinkExpiry(new Date(now + 3600_000).toISOString(), now)).toMatch(/\(in 1 hour\)$/);
  });
});
