import { Hono } from 'hono';
import { z } from 'zod';
import { AccountListQuerySchema } from '../../shared/schemas/account-filters.ts';
import { AccountLabelPatchSchema } from '../../shared/schemas/account.ts';
import { AccountConnectSessionRequestSchema } from '../../shared/schemas/connect-session.ts';
import { RequestLogQuerySchema } from '../../shared/schemas/request-log.ts';
import { getAccountDetail } from '../accounts/account-detail.ts';
import { listAccountLogs } from '../accounts/account-logs.ts';
import { deleteAccount, updateAccountLabel } from '../accounts/account-mutations.ts';
import { listAccounts } from '../accounts-index/list-accounts.ts';
import type { AppDeps } from '../app-deps.ts';
import { createAccountConnectSession } from '../connect/connect-sessions.ts';
import { validate } from '../http/validate.ts';

const AccountIdParamSchema = z.object({ id: z.string().min(1).max(200) });

export function accountsRoutes(deps: AppDeps) {
  return new Hono()
    .get('/', validate('query', AccountListQuerySchema), async (c) => {
      const query = c.req.valid('query');
      const [page, syncedAt] = await Promise.all([
        listAccounts(deps.database.db, query),
        deps.sync.syncedAt(),
      ]);
      return c.json(
        { ...page, page: query.page, pageSize: query.pageSize, syncedAt, sync: deps.sync.status() },
        200,
      );
    })
    .get('/:id', validate('param', AccountIdParamSchema), async (c) => {
      return c.json(await getAccountDetail(deps, c.req.valid('param').id), 200);
    })
    .patch(
      '/:id',
      validate('param', AccountIdParamSchema),
      validate('json', AccountLabelPatchSchema),
      async (c) => {
        const account = await updateAccountLabel(deps, c.req.valid('param').id, c.req.valid('json').label);
        return c.json(account, 200);
      },
    )
    .delete('/:id', validate('param', AccountIdParamSchema), async (c) => {
      return c.json(await deleteAccount(deps, c.req.valid('param').id), 200);
    })
    .post(
      '/:id/connect-session',
      validate('param', AccountIdParamSchema),
      validate('json', AccountConnectSessionRequestSchema),
      async (c) => {
        const session = await createAccountConnectSession(deps, c.req.valid('param').id, c.req.valid('json'));
        return c.json(session, 201);
      },
    )
    .get(
      '/:id/logs',
      validate('param', AccountIdParamSchema),
      validate('query', RequestLogQuerySchema),
      async (c) => {
        return c.json(await listAccountLogs(deps, c.req.valid('param').id, c.req.valid('query')), 200);
      },
    );
}
