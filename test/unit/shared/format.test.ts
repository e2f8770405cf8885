import { describe, expect, it } from 'vitest';
import { formatBrokenFor, formatDuration, formatRelative } from '../../../shared/format.ts';

const now = Date.parse('2025-06-10T12:00:00Z');
const ago = (ms: number) => new Date(now - ms).toISOString();

describe('formatRelative', () => {
  it('says "just now" for the last few seconds', () => {
    expect(formatRelative(ago(2_000), now)).toBe('just now');
  });

  it('counts seconds, minutes, hours and days', () => {
    expect(formatRelative(ago(12_000), now)).toBe('12 s ago');
    expect(formatRelative(ago(4 * 60_000 + 5_000), now)).toBe('4 min ago');
    expect(formatRelative(ago(5 * 3_600_000), now)).toBe('5 h ago');
    expect(formatRelative(ago(86_400_000), now)).toBe('1 day ago');
    expect(formatRelative(ago(3 * 86_400_000), now)).toBe('3 days ago');
  });

  it('shows a date beyond 30 days and a dash for garbage', () => {
    expect(formatRelative('2025-01-02T00:00:00Z', now)).toBe('2 Jan 2025');
    expect(formatRelative('not a date', now)).toBe('—');
  });
});

describe('formatBrokenFor', () => {
  it('says how long an account has been broken', () => {
    expect(formatBrokenFor(ago(3 * 86_400_000 + 3_600_000), now)).toBe('broken for 3 days');
    expect(formatBrokenFor(ago(90 * 60_000), now)).toBe('broken for 1 h');
  });

  it('calls an inactive account inactive, never broken', () => {
    expect(formatBrokenFor(ago(2 * 86_400_000), now, 'inactive')).toBe('inactive for 2 days');
    expect(formatBrokenFor('not a date', now, 'inactive')).toBe('inactive');
    expect(formatBrokenFor(ago(2 * 86_400_000), now, 'error')).toBe('broken for 2 days');
  });

  it('never goes negative', () => {
    expect(formatDuration(-5_000)).toBe('0 s');
  });
});
