import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api-client.ts';
import { toAuditParams, type AuditSearch } from './audit-search.ts';

export const auditKeys = {
  all: ['audit'] as const,
  lists: () => [...auditKeys.all, 'list'] as const,
  list: (search: AuditSearch) => [...auditKeys.lists(), search] as const,
};

export const auditQueries = {
  list: (search: AuditSearch) =>
    queryOptions({
      queryKey: auditKeys.list(search),
      queryFn: ({ signal }) => unwrap(api.audit.$get({ query: toAuditParams(search) }, { init: { signal } })),
    }),
};
