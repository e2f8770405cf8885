import { z } from 'zod';
import { CustomerListQuerySchema, type CustomerListQuery } from '../../../shared/schemas/customers.ts';

const fields = CustomerListQuerySchema.shape;

/** The customers list's URL state: the API's query, each field falling back to its default. */
export const CustomersSearchSchema = z.object({
  q: fields.q.catch(undefined),
  page: fields.page.catch(1),
  pageSize: fields.pageSize.catch(50),
});
export type CustomersSearch = CustomerListQuery;
export const CUSTOMERS_SEARCH_DEFAULTS: CustomersSearch = CustomersSearchSchema.parse({});
