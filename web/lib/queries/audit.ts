import { queryOptions } from '@tanstack/react-query';
import type { AuditPage, AuditQuery } from '../../../shared/schemas/audit.ts';
import { api, unwrap } from '../api-client.ts';

export const auditKeys = {
  all: ['audit'] as const,
  lists: () => [...auditKeys.all, 'list'] as const,
  list: (query: AuditQuery) => [...auditKeys.lists(), query] as const,
};

function filterParams(query: AuditQuery): Record<string, string> {
  const params: Record<string, string> = {};
  for (const key of ['actor', 'action', 'accountId', 'from', 'to'] as const) {
    const value = query[key];
    if (value) params[key] = value;
  }
  return params;
}

/** An AuditQuery as `GET /api/audit` query strings. */
export function toAuditParams(query: AuditQuery) {
  return { ...filterParams(query), page: String(query.page), pageSize: String(query.pageSize) };
}

/** Every matching row as CSV (the same filter, no paging), for the Export link. */
export function auditCsvHref(query: AuditQuery): string {
  const params = new URLSearchParams(filterParams(query)).toString();
  return `/api/audit.csv${params ? `?${params}` : ''}`;
}

export const auditQueries = {
  list: (query: AuditQuery) =>
    queryOptions({
      queryKey: auditKeys.list(query),
      queryFn: ({ signal }): Promise<AuditPage> =>
        unwrap(api.audit.$get({ query: toAuditParams(query) }, { init: { signal } })),
    }),
};
