// @vitest-environment jsdom
import '../../../support/web-setup.ts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CustomerIdHint, CustomerNameMatch } from '../../../../web/features/connect/customer-hints.tsx';
import { distinctOwners } from '../../../../web/features/connect/owner-suggestions.ts';
import { account, listOf, mockApi } from '../../../support/mock-api.ts';

const acme = account({ id: 'acc_1', originOwnerId: 'cust_00001', originOwnerName: 'Acme Corporation' });

beforeEach(() => {
  mockApi([
    {
      method: 'GET',
      path: '/api/accounts',
      respond: ({ query }) => {
        if (query.has('ownerId'))
          return { body: listOf(query.get('ownerId') === 'cust_00001' ? [acme] : []) };
        return { body: listOf(/acme/i.test(query.get('q') ?? '') ? [acme] : []) };
      },
    },
  ]);
});

const wrap = (node: ReactNode) =>
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      {node}
    </QueryClientProvider>,
  );

describe('CustomerIdHint', () => {
  it('says "new customer" plainly for an id nobody has', async () => {
    wrap(<CustomerIdHint ownerId="cust_0001" />);
    expect(
      await screen.findByText(/^New customer: no account has the customer ID cust_0001 yet/),
    ).toBeTruthy();
  });

  it('names the existing customer for a known id', async () => {
    wrap(<CustomerIdHint ownerId="cust_00001" />);
    expect(await screen.findByText('Existing customer: Acme Corporation.')).toBeTruthy();
  });
});

describe('CustomerNameMatch', () => {
  it('offers the existing customer whose name was typed under another id', async () => {
    const onUse = vi.fn();
    wrap(<CustomerNameMatch ownerId="cust_0001" ownerName="acme corporation" onUse={onUse} />);
    expect((await screen.findByRole('status')).textContent).toContain(
      'Acme Corporation is cust_00001 — use that?',
    );
    await userEvent.setup().click(screen.getByRole('button', { name: 'Use cust_00001' }));
    expect(onUse).toHaveBeenCalledWith({ id: 'cust_00001', name: 'Acme Corporation' });
  });

  it('offers nothing when the id is already that customer', async () => {
    wrap(<CustomerNameMatch ownerId="cust_00001" ownerName="Acme Corporation" onUse={vi.fn()} />);
    await new Promise((r) => setTimeout(r, 400));
    expect(screen.queryByRole('status')).toBeNull();
  });
});

describe('distinctOwners', () => {
  it('puts the most relevant customers first', () => {
    const items = [
      account({ id: 'a1', originOwnerId: 'cust_9', originOwnerName: 'Globex (acme subsidiary)' }),
      account({ id: 'a2', originOwnerId: 'cust_2', originOwnerName: 'Big Acme Holdings' }),
      account({ id: 'a3', originOwnerId: 'cust_1', originOwnerName: 'Acme Corporation' }),
      account({ id: 'a4', originOwnerId: 'acme', originOwnerName: 'Zeta' }),
    ];
    expect(distinctOwners(items, 8, 'Acme').map((o) => o.id)).toEqual(['acme', 'cust_1', 'cust_2', 'cust_9']);
  });
});
