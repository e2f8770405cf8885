import { z } from 'zod';

export const CUSTOMERS_PAGE_SIZE_MAX = 200;

/** `GET /api/customers` query: search text over the owner's id and name, and paging. */
export const CustomerListQuerySchema = z.object({
  q: z.string().trim().max(200, 'Search text has at most 200 characters').optional(),
  page: z.coerce.number().int('page must be a whole number').min(1, 'page starts at 1').default(1),
  pageSize: z.coerce
    .number()
    .int('pageSize must be a whole number')
    .min(1)
    .max(CUSTOMERS_PAGE_SIZE_MAX, `pageSize is at most ${CUSTOMERS_PAGE_SIZE_MAX}`)
    .default(50),
});
export type CustomerListQuery = z.output<typeof CustomerListQuerySchema>;
export type CustomerListQueryInput = z.input<typeof CustomerListQuerySchema>;

/** A customer: an origin owner of the account index, with its live accounts counted by status. */
export const CustomerSchema = z.object({
  ownerId: z.string(),
  ownerName: z.string(),
  accounts: z.number(),
  byStatus: z.record(z.string(), z.number()),
});
export type Customer = z.infer<typeof CustomerSchema>;

export const CustomerListResponseSchema = z.object({
  items: z.array(CustomerSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type CustomerListResponse = z.infer<typeof CustomerListResponseSchema>;

export const CustomerIdParamSchema = z.object({ ownerId: z.string().min(1).max(200) });
