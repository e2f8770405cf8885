import { describe, expect, it } from 'vitest';
import { resolveViewSearch } from '../../../../../web/features/views/resolve-view-search.ts';

describe('resolveViewSearch', () => {
  it('opens a view whose search still parses as it was saved', () => {
    expect(
      resolveViewSearch({ search: { status: ['error'], q: 'acme', sort: 'owner', order: 'asc' } }),
    ).toEqual({
      search: { status: ['error'], q: 'acme', sort: 'owner', order: 'asc' },
      isFallback: false,
    });
  });

  it('falls back to the defaults for what no longer parses, and says so', () => {
    const resolved = resolveViewSearch({ search: { status: ['error'], sort: 'health', pageSize: 100000 } });
    expect(resolved).toEqual({ search: { status: ['error'] }, isFallback: true });
  });

  it('falls back entirely for a search that is not an object of fields', () => {
    expect(resolveViewSearch({ search: { type: 'staging' } })).toEqual({ search: {}, isFallback: true });
  });
});
