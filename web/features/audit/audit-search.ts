import { z } from 'zod';
import { AuditQuerySchema, type AuditQuery } from '../../../shared/schemas/audit.ts';

const fields = AuditQuerySchema.shape;

/** The audit page's URL state: the API's own query schema, each field falling back on its own. */
export const AuditSearchSchema = z.object({
  actor: fields.actor.catch(undefined),
  action: fields.action.catch(undefined),
  accountId: fields.accountId.catch(undefined),
  from: fields.from.catch(undefined),
  to: fields.to.catch(undefined),
  page: fields.page.catch(1),
  pageSize: fields.pageSize.catch(50),
});
export type AuditSearch = AuditQuery;

export const AUDIT_SEARCH_DEFAULTS: AuditSearch = AuditSearchSchema.parse({});

export type AuditFilter = Omit<AuditSearch, 'page' | 'pageSize'>;

/** A filter change starts again at page 1; empty text clears the filter. */
export function setAuditFilter<K extends keyof AuditFilter>(
  search: AuditSearch,
  key: K,
  value: AuditFilter[K] | '',
): AuditSearch {
  const text = typeof value === 'string' ? value.trim() : value;
  return { ...search, [key]: text === '' ? undefined : text, page: 1 };
}

export const hasAuditFilters = (search: AuditSearch) =>
  Boolean(search.actor || search.action || search.accountId || search.from || search.to);

export const resetAuditFilters = (search: AuditSearch): AuditSearch => ({
  ...AUDIT_SEARCH_DEFAULTS,
  pageSize: search.pageSize,
});
