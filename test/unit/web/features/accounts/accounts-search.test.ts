import { describe, expect, it } from 'vitest';
import {
  compactAccountsSearch,
  parseAccountsSearch,
  resetFilters,
  setFacet,
  setPage,
  setSearchText,
  setSort,
  toggleFacetValue,
} from '../../../../../web/features/accounts/accounts-search.ts';
import { ACCOUNTS_SEARCH_DEFAULTS } from '../../../../../shared/schemas/accounts-search.ts';
import { parseSearch, stringifySearch } from '../../../../../shared/search-params.ts';

const fromUrl = (query: string) => parseAccountsSearch(parseSearch(query));
const toUrl = (search: ReturnType<typeof fromUrl>) => stringifySearch(compactAccountsSearch(search));

describe('accounts table URL state', () => {
  it('gives the defaults for an empty URL', () => {
    expect(fromUrl('')).toEqual({
      q: undefined,
      status: [],
      provider: [],
      type: [],
      reason: [],
      ownerId: undefined,
      sort: 'updatedAt',
      order: 'desc',
      page: 1,
      pageSize: 50,
    });
  });

  it('reads filters, sort and page from a shared link', () => {
    const search = fromUrl(
      '?q=acme&status=error,inactive&provider=bamboohr&type=test&reason=token_expired&sort=owner&order=asc&page=3&pageSize=25',
    );
    expect(search).toEqual({
      q: 'acme',
      status: ['error', 'inactive'],
      provider: ['bamboohr'],
      type: ['test'],
      reason: ['token_expired'],
      ownerId: undefined,
      sort: 'owner',
      order: 'asc',
      page: 3,
      pageSize: 25,
    });
  });

  it('reads repeated keys as a list', () => {
    expect(fromUrl('?status=error&status=active').status).toEqual(['error', 'active']);
  });

  it('falls back to the default for each bad value and keeps the good ones', () => {
    const search = fromUrl(
      '?status=not%20a%20status&sort=colour&order=sideways&page=-2&pageSize=100000&type=prod&q=acme',
    );
    expect(search).toEqual({ ...ACCOUNTS_SEARCH_DEFAULTS, q: 'acme' });
  });

  it('falls back when the page is not a number', () => {
    expect(fromUrl('?page=two&pageSize=ten')).toMatchObject({ page: 1, pageSize: 50 });
  });

  it('writes only what differs from the defaults, lists as comma lists', () => {
    const search = {
      ...ACCOUNTS_SEARCH_DEFAULTS,
      status: ['error', 'inactive'] as ('error' | 'inactive')[],
      page: 2,
    };
    expect(toUrl(search)).toBe('?status=error%2Cinactive&page=2');
    expect(toUrl(ACCOUNTS_SEARCH_DEFAULTS)).toBe('');
  });

  it('reads back what it wrote', () => {
    const search = fromUrl('?q=acme%20inc&provider=hibob,bamboohr&sort=status&order=asc&page=4');
    expect(fromUrl(toUrl(search))).toEqual(search);
  });
});

describe('changing the accounts table state', () => {
  const onPage3 = { ...ACCOUNTS_SEARCH_DEFAULTS, page: 3 };

  it('toggling a facet value adds it, then removes it, and goes back to page 1', () => {
    const added = toggleFacetValue(onPage3, 'status', 'error');
    expect(added).toMatchObject({ status: ['error'], page: 1 });
    const removed = toggleFacetValue({ ...added, page: 5 }, 'status', 'error');
    expect(removed).toMatchObject({ status: [], page: 1 });
  });

  it('setting a facet, the search text or the sort goes back to page 1', () => {
    expect(setFacet(onPage3, 'provider', ['hibob']).page).toBe(1);
    expect(setSearchText(onPage3, ' acme ')).toMatchObject({ q: 'acme', page: 1 });
    expect(setSearchText(onPage3, '   ').q).toBeUndefined();
    expect(setSort(onPage3, 'owner', 'asc')).toMatchObject({ sort: 'owner', order: 'asc', page: 1 });
  });

  it('paging keeps the filters', () => {
    const filtered = { ...ACCOUNTS_SEARCH_DEFAULTS, status: ['error' as const] };
    expect(setPage(filtered, 4)).toMatchObject({ status: ['error'], page: 4 });
    expect(setPage(filtered, 0).page).toBe(1);
  });

  it('reset clears search and filters but keeps the sort and page size', () => {
    const busy = {
      ...ACCOUNTS_SEARCH_DEFAULTS,
      q: 'acme',
      status: ['error' as const],
      provider: ['hibob'],
      sort: 'owner' as const,
      order: 'asc' as const,
      page: 7,
      pageSize: 100,
    };
    expect(resetFilters(busy)).toEqual({
      ...ACCOUNTS_SEARCH_DEFAULTS,
      sort: 'owner',
      order: 'asc',
      pageSize: 100,
    });
  });
});
