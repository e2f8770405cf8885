import { Hono } from 'hono';
import { CreateConnectSessionRequestSchema } from '../../shared/schemas/connect-session.ts';
import type { AppDeps } from '../app-deps.ts';
import { audited } from '../audit/audited.ts';
import { requirePermission } from '../auth/session-middleware.ts';
import { createNewAccountConnectSession } from '../connect/connect-sessions.ts';
import { validate } from '../http/validate.ts';

export function connectSessionsRoutes(deps: AppDeps) {
  return new Hono().post(
    '/',
    requirePermission('accounts:add'),
    validate('json', CreateConnectSessionRequestSchema),
    async (c) => {
      const request = c.req.valid('json');
      const session = await audited(
        deps.database.db,
        c,
        {
          action: request.purpose === 'hub' ? 'connect_session.created' : 'connect_session.auth_link_created',
          targetType: 'connect_session',
          targetOwner: `${request.originOwnerName} (${request.originOwnerId})`,
          summary: {
            provider: request.provider ?? null,
            categories: request.categories ?? null,
            label: request.label ?? null,
            multiple: request.multiple,
            purpose: request.purpose,
          },
          summarize: (s) => ({ expiresAt: s.expiresAt }),
        },
        () => createNewAccountConnectSession(deps, c.get('actor').id, request),
      );
      return c.json(session, 201);
    },
  );
}
