// @vitest-environment jsdom
import '../../../../support/web-setup.ts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { RequestLogsTab } from '../../../../../web/features/accounts/account-page/request-logs-tab.tsx';
import type { RequestLog } from '../../../../../shared/schemas/request-log.ts';
import { mockApi } from '../../../../support/mock-api.ts';

const entry = (overrides: Partial<RequestLog> = {}): RequestLog => ({
  requestId: null,
  at: '2025-01-01T00:00:00.000Z',
  method: 'GET',
  path: '/unified/hris/employees',
  url: null,
  status: 200,
  durationMs: null,
  success: true,
  provider: null,
  service: null,
  resource: null,
  action: null,
  sourceType: null,
  ...overrides,
});

function renderTab() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <RequestLogsTab accountId="acc_1" failedOnly={false} onFailedOnlyChange={() => {}} />
    </QueryClientProvider>,
  );
}

describe('the request logs tab', () => {
  it('shows entries without a request id, and says how many StackOne entries could not be read', async () => {
    mockApi([
      {
        method: 'GET',
        path: '/api/accounts/acc_1/logs',
        respond: () => ({
          body: { items: [entry(), entry({ path: '/unified/hris/companies' })], next: null, skipped: 2 },
        }),
      },
    ]);
    renderTab();
    const table = await screen.findByRole('table', { name: 'Request logs' });
    expect(await within(table).findByText('/unified/hris/companies')).toBeTruthy();
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(screen.getByRole('status').textContent).toBe(
      '2 log entries from StackOne could not be read and are not shown.',
    );
  });
});
