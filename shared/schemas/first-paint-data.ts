import { z } from 'zod';
import { AccountListQuerySchema, AccountListResponseSchema } from './account-filters.ts';
import { ConnectorListSchema } from './connector.ts';
import { MeSchema, SetupStatusSchema } from './users.ts';

/**
 * What the server's first paint of `/accounts` hands the SPA with the picture: the answers its first
 * screen would ask for (`/api/me`, `/api/setup`, `/api/accounts` for the URL's search, and
 * `/api/connectors` when the server already holds them), read at `readAt`, so it draws without a
 * round trip. Written by our own server into the same page, so the SPA trusts it unparsed.
 */
export const FirstPaintDataSchema = z.object({
  readAt: z.number(),
  search: AccountListQuerySchema,
  me: MeSchema,
  setup: SetupStatusSchema,
  list: AccountListResponseSchema,
  connectors: ConnectorListSchema.nullable(),
});
export type FirstPaintData = z.output<typeof FirstPaintDataSchema>;
