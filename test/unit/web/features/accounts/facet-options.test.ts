import { describe, expect, it } from 'vitest';
import { reasonOptions, statusOptions } from '../../../../../web/features/accounts/facet-options.ts';

const facets = {
  status: { active: 40, error: 7, suspended: 2 },
  provider: {},
  type: {},
};

describe('statusOptions', () => {
  it('lists the documented statuses in order, then the ones StackOne added, with their counts', () => {
    expect(statusOptions(facets).map((o) => [o.value, o.label, o.count])).toEqual([
      ['active', 'Active', 40],
      ['inactive', 'Inactive', 0],
      ['error', 'Error', 7],
      ['suspended', 'Suspended', 2],
    ]);
  });

  it('keeps a selected status that no account holds any more, so it can be cleared', () => {
    expect(statusOptions(undefined, ['paused']).map((o) => [o.value, o.count])).toEqual([
      ['active', 0],
      ['inactive', 0],
      ['error', 0],
      ['paused', 0],
    ]);
  });
});

describe('reasonOptions', () => {
  it('lists the reasons with counts and readable labels, keeping a selected one without accounts', () => {
    const options = reasonOptions(
      { status: {}, provider: {}, type: {}, reason: { token_expired: 3, quota_hit_today: 1 } },
      ['access_revoked'],
    );
    expect(options).toEqual([
      { value: 'access_revoked', label: 'Access revoked', count: 0 },
      { value: 'quota_hit_today', label: 'Quota hit today', count: 1 },
      { value: 'token_expired', label: 'Token expired', count: 3 },
    ]);
  });
});
