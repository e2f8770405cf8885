import { z } from 'zod';
import { LinkListQuerySchema, type LinkListQuery } from '../../../shared/schemas/links.ts';

const fields = LinkListQuerySchema.shape;

/** The Links page's URL state: the API's own query schema, each field falling back on its own. */
export const LinksSearchSchema = z.object({
  state: fields.state.catch([]),
  provider: fields.provider.catch([]),
  accountId: fields.accountId.catch(undefined),
  ownerId: fields.ownerId.catch(undefined),
  createdBy: fields.createdBy.catch(undefined),
  page: fields.page.catch(1),
  pageSize: fields.pageSize.catch(50),
});
export type LinksSearch = LinkListQuery;

export const LINKS_SEARCH_DEFAULTS: LinksSearch = LinksSearchSchema.parse({});

export const hasLinkFilters = (s: LinksSearch) =>
  s.state.length > 0 || s.provider.length > 0 || Boolean(s.accountId || s.ownerId || s.createdBy);
