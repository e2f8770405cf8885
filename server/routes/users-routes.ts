import { Hono } from 'hono';
import {
  CreateUserRequestSchema,
  UpdateUserRequestSchema,
  UserIdParamSchema,
  type UserList,
} from '../../shared/schemas/users.ts';
import type { AppDeps } from '../app-deps.ts';
import { audited } from '../audit/audited.ts';
import { requirePermission } from '../auth/session-middleware.ts';
import { createUser, listUsers, updateUser } from '../auth/users.ts';
import { validate } from '../http/validate.ts';

export function usersRoutes(deps: AppDeps) {
  const { db } = deps.database;
  return new Hono()
    .get('/', requirePermission('users:manage'), async (c) =>
      c.json({ items: await listUsers(db) } satisfies UserList, 200),
    )
    .post('/', requirePermission('users:manage'), validate('json', CreateUserRequestSchema), async (c) => {
      const input = c.req.valid('json');
      const user = await audited(
        db,
        c,
        {
          action: 'user.created',
          targetType: 'user',
          summary: { email: input.email, role: input.role },
          summarize: (u) => ({ userId: u.id }),
        },
        () => createUser(deps.auth, db, input),
      );
      return c.json(user, 201);
    })
    .patch(
      '/:id',
      requirePermission('users:manage'),
      validate('param', UserIdParamSchema),
      validate('json', UpdateUserRequestSchema),
      async (c) => {
        const { id } = c.req.valid('param');
        const patch = c.req.valid('json');
        const user = await audited(
          db,
          c,
          {
            action: 'user.updated',
            targetType: 'user',
            targetId: id,
            summary: {
              role: patch.role,
              disabled: patch.disabled,
              passwordChanged: patch.password !== undefined,
            },
          },
          () => updateUser(deps.auth, db, id, patch),
        );
        return c.json(user, 200);
      },
    );
}
