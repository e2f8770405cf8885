import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../../../../../shared/schemas/account-detail.ts';
import { timelineStory } from '../../../../../../web/features/accounts/account-page/timeline-story.ts';

const broken = {
  status: 'error',
  statusReasons: [
    { code: 'token_expired', description: 'The token expired.', timestamp: '2026-01-01T09:00:00.000Z' },
  ],
  createdAt: '2025-12-01T00:00:00.000Z',
};
const healthy = { status: 'active', statusReasons: [], createdAt: '2025-12-01T00:00:00.000Z' };

const hubOpened = (at: string, actor = 'sam@support.test'): TimelineEntry => ({
  kind: 'audit',
  at,
  action: 'account.connect_session_created',
  actor,
  outcome: 'success',
  detail: { purpose: 'hub', status: 'error', reasonCodes: ['token_expired'] },
});
const webhook = (at: string, status: string, action = 'account.updated'): TimelineEntry => ({
  kind: 'webhook',
  at,
  action,
  actor: 'StackOne',
  outcome: 'applied',
  detail: { event: action, status },
});

describe('timelineStory', () => {
  it('starts a broken account with no events with its status reasons', () => {
    const story = timelineStory([], broken);
    expect(story).toHaveLength(1);
    expect(story[0]).toMatchObject({
      title: 'Already error before any event was recorded',
      change: 'error (token_expired)',
      note: 'token_expired: The token expired.',
    });
  });

  it('tells nothing for a healthy account with no events', () => {
    expect(timelineStory([], healthy)).toEqual([]);
  });

  it('folds abandoned Hub openings into the fix they led to', () => {
    const story = timelineStory(
      [
        hubOpened('2026-01-02T10:00:00.000Z'),
        hubOpened('2026-01-02T10:05:00.000Z'),
        webhook('2026-01-02T10:06:00.000Z', 'active'),
      ],
      healthy,
    );
    expect(story.map((s) => [s.title, s.change, s.note])).toEqual([
      ['Credentials fixed in the Hub', 'error (token_expired) → active', 'The Hub was opened twice'],
      ['Already error before any event was recorded', 'error (token_expired)', 'token_expired'],
    ]);
    expect(story[0]!.actor).toBe('sam@support.test');
    expect(story[0]!.entries).toHaveLength(3);
  });

  it('reads a status change with the reason StackOne reports for it now', () => {
    const story = timelineStory(
      [
        webhook('2026-01-01T00:00:00.000Z', 'active', 'account.created'),
        webhook('2026-01-01T09:00:01.000Z', 'error'),
      ],
      broken,
    );
    expect(story.map((s) => [s.title, s.change])).toEqual([
      ['Status changed', 'active → error (token_expired)'],
      ['Account linked', 'now active'],
    ]);
  });

  it('names a re-link completed by the customer', () => {
    const story = timelineStory(
      [
        {
          kind: 'audit',
          at: '2026-01-03T08:00:00.000Z',
          action: 'account.auth_link_created',
          actor: 'sam@support.test',
          outcome: 'success',
          detail: { purpose: 'auth_link', status: 'error', reasonCodes: ['invalid_credentials'] },
        },
        webhook('2026-01-03T09:00:00.000Z', 'active'),
      ],
      healthy,
    );
    expect(story.map((s) => [s.title, s.change])).toEqual([
      ['Re-linked by the customer', 'error (invalid_credentials) → active'],
      ['Re-link link created', null],
      ['Already error before any event was recorded', 'error (invalid_credentials)'],
    ]);
  });

  it('keeps a Hub opened and closed without a change as one entry', () => {
    const story = timelineStory(
      [
        hubOpened('2026-01-02T10:00:00.000Z'),
        hubOpened('2026-01-02T10:01:00.000Z'),
        hubOpened('2026-01-02T10:02:00.000Z'),
      ],
      broken,
    );
    expect(story[0]).toMatchObject({
      title: 'Hub opened to fix credentials, closed without a change',
      note: 'Opened 3 times',
    });
    expect(story).toHaveLength(2);
  });
});
