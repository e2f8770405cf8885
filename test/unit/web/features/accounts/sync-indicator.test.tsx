// @vitest-environment jsdom
import '../../../../support/web-setup.ts';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../../../shared/schemas/account-filters.ts';
import { SyncIndicator } from '../../../../../web/features/accounts/sync-indicator.tsx';
import { formatTime } from '../../../../../shared/format.ts';

const base: SyncStatus = {
  state: 'idle',
  seen: 500,
  pages: 5,
  total: 500,
  startedAt: '2025-01-01T22:59:00.000Z',
  finishedAt: '2025-01-01T23:00:00.000Z',
  error: null,
};

const renderWith = (sync: SyncStatus) =>
  render(<SyncIndicator data={{ sync, syncedAt: base.finishedAt }} fetchedAt={Date.now()} />);

describe('SyncIndicator', () => {
  it('says until when StackOne rate limits the sync', () => {
    const until = new Date(Date.now() + 60 * 60_000).toISOString();
    renderWith({ ...base, state: 'running', finishedAt: null, rateLimitedUntil: until });
    expect(screen.getByRole('status').textContent).toContain(
      `Rate limited by StackOne until ${formatTime(until)}`,
    );
  });

  it('shows the sync’s progress once the wait is over', () => {
    renderWith({ ...base, state: 'running', finishedAt: null, seen: 200, rateLimitedUntil: null });
    expect(screen.getByRole('status').textContent).toContain('Syncing with StackOne… 200 of 500 accounts');
    expect(screen.getByRole('status').textContent).not.toContain('Rate limited');
  });

  it('shows the warning of a listing that looked wrong', () => {
    const warning = 'StackOne listed 10 accounts where the index holds 100: the listing looks wrong.';
    renderWith({ ...base, warning });
    expect(screen.getByRole('status').textContent).toContain(warning);
  });
});
