import { Hono } from 'hono';
import { z } from 'zod';
import { CreateUserRequestSchema, UpdateUserRequestSchema } from '../../shared/schemas/users.ts';
import type { AppDeps } from '../app-deps.ts';
import { audited } from '../audit/audited.ts';
import { requirePermission } from '../auth/session-middleware.ts';
import { createUser, listUsers, updateUser } from '../auth/users.ts';
import { validate } from '../http/validate.ts';

const UserIdParamSchema = z.object({ id: z.string().min(1).max(100) });

export function usersRoutes(deps: AppDeps) {
  const { db } = deps.database;
  return new Hono()
    .use(requirePermission('users:manage'))
    .get('/', async (c) => c.json({ items: await listUsers(db) }, 200))
    .post('/', validate('json', CreateUserRequestSchema), async (c) => {
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
