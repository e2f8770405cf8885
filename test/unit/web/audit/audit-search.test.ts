import { describe, expect, it } from 'vitest';
import {
  AUDIT_SEARCH_DEFAULTS,
  AuditSearchSchema,
  resetAuditFilters,
  setAuditFilter,
} from '../../../../web/features/audit/audit-search.ts';
import { isoToLocalDate, localDateToIso } from '../../../../web/features/audit/date-bounds.ts';
import { auditCsvHref, toAuditParams } from '../../../../web/lib/queries/audit.ts';

describe('audit URL state', () => {
  it('falls back field by field when a link carries bad values', () => {
    expect(
      AuditSearchSchema.parse({ actor: 'a@example.com', from: 'yesterday', page: '-3', pageSize: '9999' }),
    ).toEqual({ ...AUDIT_SEARCH_DEFAULTS, actor: 'a@example.com' });
  });

  it('starts again at page 1 when a filter changes, and an empty value clears it', () => {
    const search = { ...AUDIT_SEARCH_DEFAULTS, action: 'account.deleted', page: 4 };
    expect(setAuditFilter(search, 'actor', ' ops@example.com ')).toMatchObject({
      actor: 'ops@example.com',
      action: 'account.deleted',
      page: 1,
    });
    expect(setAuditFilter(search, 'action', '').action).toBeUndefined();
  });

  it('keeps the page size but drops every filter on reset', () => {
    const search = { ...AUDIT_SEARCH_DEFAULTS, actor: 'x', accountId: 'acc_1', page: 3, pageSize: 100 };
    expect(resetAuditFilters(search)).toEqual({ ...AUDIT_SEARCH_DEFAULTS, pageSize: 100 });
  });

  it('sends only the filters that are set, with the page', () => {
    const search = { ...AUDIT_SEARCH_DEFAULTS, accountId: 'acc_1', page: 2 };
    expect(toAuditParams(search)).toEqual({ accountId: 'acc_1', page: '2', pageSize: '50' });
  });

  it('exports the same filter as CSV without paging', () => {
    const search = {
      ...AUDIT_SEARCH_DEFAULTS,
      actor: 'ops@example.com',
      action: 'account.label_updated',
      from: '2025-03-01T00:00:00.000Z',
      page: 5,
    };
    const href = new URL(auditCsvHref(search), 'http://localhost');
    expect(href.pathname).toBe('/api/audit.csv');
    expect(Object.fromEntries(href.searchParams)).toEqual({
      actor: 'ops@example.com',
      action: 'account.label_updated',
      from: '2025-03-01T00:00:00.000Z',
    });
    expect(auditCsvHref(AUDIT_SEARCH_DEFAULTS)).toBe('/api/audit.csv');
  });
});

describe('date filter bounds', () => {
  it('covers the whole local day, from its first to its last millisecond', () => {
    const from = localDateToIso('2025-03-12', 'start')!;
    const to = localDateToIso('2025-03-12', 'end')!;
    expect(Date.parse(to) - Date.parse(from)).toBe(86_400_000 - 1);
    expect(isoToLocalDate(from)).toBe('2025-03-12');
    expect(isoToLocalDate(to)).toBe('2025-03-12');
  });

  it('ignores what is not a date', () => {
    expect(localDateToIso('', 'start')).toBeUndefined();
    expect(isoToLocalDate('nonsense')).toBe('');
  });
});
