import { z } from 'zod';
import { AccountListQuerySchema } from './account-filters.ts';

const fields = AccountListQuerySchema.shape;

/**
 * The accounts table's URL state: the API's own query schema, field by field with a fallback, so a
 * hand-edited or outdated link shows the defaults for what it got wrong instead of an error. The
 * SPA's route and the server's first paint of `/accounts` read a URL the same way.
 */
export const AccountsSearchSchema = z.object({
  q: fields.q.catch(undefined),
  status: fields.status.catch([]),
  provider: fields.provider.catch([]),
  type: fields.type.catch([]),
  reason: fields.reason.catch([]),
  ownerId: fields.ownerId.catch(undefined),
  sort: fields.sort.catch('updatedAt'),
  order: fields.order.catch('desc'),
  page: fields.page.catch(1),
  pageSize: fields.pageSize.catch(50),
});

export const ACCOUNTS_SEARCH_DEFAULTS = AccountsSearchSchema.parse({});
