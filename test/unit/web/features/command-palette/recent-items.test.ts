import { describe, expect, it } from 'vitest';
import { readRecentItems, rememberItem } from '../../../../../web/features/command-palette/recent-items.ts';

const memoryStorage = (initial: Record<string, string> = {}) => {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
  };
};

describe('recent palette items', () => {
  it('keeps the last jumps newest first, each once, at most eight', () => {
    const storage = memoryStorage();
    for (let i = 0; i < 10; i++) rememberItem({ kind: 'customer', id: `c${i}`, label: `C${i}` }, storage);
    rememberItem({ kind: 'customer', id: 'c5', label: 'C5' }, storage);
    const recent = readRecentItems(storage);
    expect(recent.map((r) => r.id)).toEqual(['c5', 'c9', 'c8', 'c7', 'c6', 'c4', 'c3', 'c2']);
  });

  it('reads nothing from storage it cannot parse', () => {
    expect(readRecentItems(memoryStorage({ 'switchboard.palette.recent': '{not json' }))).toEqual([]);
    expect(readRecentItems(memoryStorage({ 'switchboard.palette.recent': '[{"kind":"x"}]' }))).toEqual([]);
  });
});
