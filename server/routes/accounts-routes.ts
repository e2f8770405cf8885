import { Hono, type Context } from 'hono';
import { AccountListQuerySchema } from '../../shared/schemas/account-filters.ts';
import { AccountIdParamSchema, AccountLabelPatchSchema } from '../../shared/schemas/account.ts';
import {
  AccountConnectSessionRequestSchema,
  SESSION_PURPOSE_PERMISSION,
} from '../../shared/schemas/connect-session.ts';
import { RequestLogIdParamSchema, RequestLogQuerySchema } from '../../shared/schemas/request-log.ts';
import { getAccountDetail } from '../accounts/account-detail.ts';
import { getAccountLog } from '../accounts/account-log-detail.ts';
import { listAccountLogs } from '../accounts/account-logs.ts';
import { accountStatusSnapshot } from '../accounts/account-status-snapshot.ts';
import { deleteAccount, updateAccountLabel } from '../accounts/account-mutations.ts';
import { accountListResponse } from '../accounts-index/account-list-response.ts';
import type { AppDeps } from '../app-deps.ts';
import { audited, type AuditEntry } from '../audit/audited.ts';
import { assertPermission, requireAnyPermission, requirePermission } from '../auth/session-middleware.ts';
import { createAccountConnectSession } from '../connect/connect-sessions.ts';
import { validate } from '../http/validate.ts';
import { noteRelinkSent } from '../incidents/relink-sent.ts';

export function accountsRoutes(deps: AppDeps) {
  const { db } = deps.database;
  /** An audited change of one account: its audit row is on its timeline, so its cached reads go. */
  const auditedChange = <T>(c: Context, entry: AuditEntry<T> & { targetId: string }, run: () => Promise<T>) =>
    audited(db, c, entry, run).finally(() => deps.accountReads.touch(entry.targetId));
  return new Hono()
    .get('/', requirePermission('accounts:read'), validate('query', AccountListQuerySchema), async (c) =>
      c.json(await accountListResponse(deps, c.req.valid('query')), 200),
    )
    .get('/:id', requirePermission('accounts:read'), validate('param', AccountIdParamSchema), async (c) => {
      return c.json(await getAccountDetail(deps, c.get('actor').id, c.req.valid('param').id), 200);
    })
    .patch(
      '/:id',
      requirePermission('accounts:edit_label'),
      validate('param', AccountIdParamSchema),
      validate('json', AccountLabelPatchSchema),
      async (c) => {
        const { id } = c.req.valid('param');
        const { label } = c.req.valid('json');
        const { account } = await auditedChange(
          c,
          {
            action: 'account.label_updated',
            targetType: 'account',
            targetId: id,
            summary: { label },
            // Every PATCH that reached StackOne (a refused first form included); a failure's message names them.
            summarize: ({ attempts }) => ({ attempts }),
          },
          () => updateAccountLabel(deps, c.get('actor').id, id, label),
        );
        return c.json(account, 200);
      },
    )
    .delete(
      '/:id',
      requirePermission('accounts:delete'),
      validate('param', AccountIdParamSchema),
      async (c) => {
        const { id } = c.req.valid('param');
        const { account } = await auditedChange(
          c,
          {
            action: 'account.deleted',
            targetType: 'account',
            targetId: id,
            summarize: ({ account, note }) => ({ provider: account.provider, ...(note ? { note } : {}) }),
          },
          () => deleteAccount(deps, c.get('actor').id, id),
        );
        return c.json(account, 200);
      },
    )
    .post(
      '/:id/connect-session',
      // The purpose in the body decides the permission. Before the body is read, a caller with
      // neither is refused (401/403, never a 400 that would tell it what the body must hold); after
      // validation, the purpose's own permission is checked, before anything reaches StackOne.
      requireAnyPermission(...Object.values(SESSION_PURPOSE_PERMISSION)),
      validate('param', AccountIdParamSchema),
      validate('json', AccountConnectSessionRequestSchema),
      async (c) => {
        const { id } = c.req.valid('param');
        const request = c.req.valid('json');
        assertPermission(c.get('actor'), SESSION_PURPOSE_PERMISSION[request.purpose]);
        const session = await auditedChange(
          c,
          {
            action:
              request.purpose === 'hub' ? 'account.connect_session_created' : 'account.auth_link_created',
            targetType: 'account',
            targetId: id,
            summary: {
              purpose: request.purpose,
              expiresIn: request.expiresIn ?? null,
              ...(await accountStatusSnapshot(db, id)),
            },
            summarize: (s) => ({ expiresAt: s.expiresAt }),
          },
          () => createAccountConnectSession(deps, c.get('actor').id, id, request),
        );
        if (request.purpose === 'auth_link') await noteRelinkSent(deps, c, id);
        return c.json(session, 201);
      },
    )
    .get(
      '/:id/logs',
      requirePermission('accounts:read'),
      validate('param', AccountIdParamSchema),
      validate('query', RequestLogQuerySchema),
      async (c) => {
        const stackOne = deps.stackOne.forUser(c.get('actor').id);
        return c.json(await listAccountLogs(stackOne, c.req.valid('param').id, c.req.valid('query')), 200);
      },
    )
    .get(
      '/:id/logs/:logId',
      requirePermission('accounts:read'),
      validate('param', RequestLogIdParamSchema),
      async (c) => {
        const { id, logId } = c.req.valid('param');
        return c.json(await getAccountLog(deps.stackOne.forUser(c.get('actor').id), id, logId), 200);
      },
    )
    .get(
      '/:id/raw',
      requirePermission('accounts:read'),
      validate('param', AccountIdParamSchema),
      async (c) => {
        return c.json(
          await deps.stackOne.forUser(c.get('actor').id).getAccountAsSent(c.req.valid('param').id),
          200,
        );
      },
    );
}
