import { Hono } from 'hono';
import { CustomerListQuerySchema, type CustomerListResponse } from '../../shared/schemas/customers.ts';
import { listCustomers } from '../accounts-index/list-customers.ts';
import type { AppDeps } from '../app-deps.ts';
import { requirePermission } from '../auth/session-middleware.ts';
import { validate } from '../http/validate.ts';

/** `GET /api/customers`: the origin owners of the account index, with their accounts by status. */
export function customersRoutes(deps: AppDeps) {
  const { db } = deps.database;
  return new Hono().get(
    '/',
    requirePermission('accounts:read'),
    validate('query', CustomerListQuerySchema),
    async (c) => {
      const query = c.req.valid('query');
      const page = await listCustomers(db, query);
      return c.json(
        { ...page, page: query.page, pageSize: query.pageSize } satisfies CustomerListResponse,
        200,
      );
    },
  );
}
