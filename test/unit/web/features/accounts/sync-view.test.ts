import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../../../shared/schemas/account-filters.ts';
import type { SyncProgressEvent } from '../../../../../shared/schemas/events.ts';
import { syncView } from '../../../../../web/features/accounts/sync-indicator.tsx';

const LAST_SYNC = '2025-01-01T23:00:00.000Z';
const fetchedAt = Date.parse('2025-01-02T00:00:00.000Z');

/** The list's answer: an idle index, last synced an hour before it was fetched. */
const listed: SyncStatus = {
  state: 'idle',
  seen: 500,
  pages: 5,
  total: 500,
  startedAt: '2025-01-01T22:59:00.000Z',
  finishedAt: LAST_SYNC,
  error: null,
};

const event = (at: string, status: Partial<SyncStatus>): SyncProgressEvent => ({
  type: 'sync.progress',
  ...listed,
  startedAt: '2025-01-02T00:00:01.000Z',
  finishedAt: null,
  ...status,
  at,
});

describe('syncView', () => {
  it('shows the list’s status before any live event', () => {
    expect(syncView(listed, LAST_SYNC, null, fetchedAt)).toEqual({ ...listed, syncedAt: LAST_SYNC });
  });

  it('keeps the list’s status over a live event older than the list’s answer', () => {
    const stale = event('2025-01-01T23:59:59.000Z', { state: 'running', seen: 1, total: 9 });
    expect(syncView(listed, LAST_SYNC, stale, fetchedAt)).toEqual({ ...listed, syncedAt: LAST_SYNC });
  });

  it('shows a run in progress as the event says, its total included', () => {
    const running = event('2025-01-02T00:00:02.000Z', { state: 'running', seen: 200, pages: 2, total: 600 });
    expect(syncView(listed, LAST_SYNC, running, fetchedAt)).toMatchObject({
      state: 'running',
      seen: 200,
      total: 600,
      syncedAt: LAST_SYNC,
    });
  });

  it('takes a run that just succeeded as the last sync, at the time it finished', () => {
    const finished = event('2025-01-02T00:00:09.000Z', {
      state: 'idle',
      seen: 600,
      total: 600,
      finishedAt: '2025-01-02T00:00:08.000Z',
    });
    expect(syncView(listed, LAST_SYNC, finished, fetchedAt)).toMatchObject({
      state: 'idle',
      seen: 600,
      syncedAt: '2025-01-02T00:00:08.000Z',
    });
  });

  it('shows the error a failed run reports, and keeps the last successful sync', () => {
    const failed = event('2025-01-02T00:00:09.000Z', {
      state: 'failed',
      seen: 100,
      finishedAt: '2025-01-02T00:00:08.000Z',
      error: 'StackOne answered 503: Service Unavailable',
    });
    expect(syncView(listed, LAST_SYNC, failed, fetchedAt)).toMatchObject({
      state: 'failed',
      error: 'StackOne answered 503: Service Unavailable',
      syncedAt: LAST_SYNC,
    });
  });
});
