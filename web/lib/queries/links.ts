import { queryOptions } from '@tanstack/react-query';
import type { AccountListQuery } from '../../../shared/schemas/account-filters.ts';
import type { BulkJob, LinkListQuery, LinkListResponse } from '../../../shared/schemas/links.ts';
import { api, unwrap } from '../api-client.ts';

export const linkKeys = {
  all: ['links'] as const,
  lists: () => [...linkKeys.all, 'list'] as const,
  list: (query: LinkListQuery) => [...linkKeys.lists(), query] as const,
  jobs: () => [...linkKeys.all, 'job'] as const,
  job: (jobId: string) => [...linkKeys.jobs(), jobId] as const,
};

export function toLinkListParams(query: LinkListQuery) {
  return {
    state: query.state,
    provider: query.provider,
    ...(query.accountId ? { accountId: query.accountId } : {}),
    ...(query.ownerId ? { ownerId: query.ownerId } : {}),
    ...(query.createdBy ? { createdBy: query.createdBy } : {}),
    page: String(query.page),
    pageSize: String(query.pageSize),
  };
}

export const linkQueries = {
  list: (query: LinkListQuery) =>
    queryOptions({
      queryKey: linkKeys.list(query),
      queryFn: ({ signal }): Promise<LinkListResponse> =>
        unwrap(api.links.$get({ query: toLinkListParams(query) }, { init: { signal } })),
    }),
  job: (jobId: string) =>
    queryOptions({
      queryKey: linkKeys.job(jobId),
      queryFn: ({ signal }): Promise<BulkJob> =>
        unwrap(
          api.links.bulk[':jobId'].$get({ param: { jobId }, query: { items: 'true' } }, { init: { signal } }),
        ),
    }),
};

export const revokeLink = (id: string) => unwrap(api.links[':id'].revoke.$post({ param: { id } }));

/** The accounts list's filter without paging or sort, as a bulk job takes it. */
export type BulkFilter = Omit<AccountListQuery, 'page' | 'pageSize' | 'sort' | 'order'>;

export const startBulkLinks = (
  body: { accountIds: string[]; expiresIn: number } | { filter: BulkFilter; expiresIn: number },
) => unwrap(api.links.bulk.$post({ json: body }));

export const bulkCsvUrl = (jobId: string) => `/api/links/bulk/${encodeURIComponent(jobId)}/csv`;
