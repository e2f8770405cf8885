import { Hono } from 'hono';
import { ROLE_PERMISSIONS } from '../../shared/permissions.ts';
import type { AppDeps } from '../app-deps.ts';
import { requireSignedIn } from '../auth/session-middleware.ts';
import { findUser, userView } from '../auth/users.ts';
import { AppError } from '../http/app-error.ts';

export function meRoutes(deps: AppDeps) {
  return new Hono().get('/', requireSignedIn, async (c) => {
    const actor = c.get('actor');
    const row = await findUser(deps.database.db, actor.id);
    if (!row) throw new AppError('unauthenticated', 'Sign in to continue');
    return c.json({ user: userView(row), permissions: [...ROLE_PERMISSIONS[actor.role]] }, 200);
  });
}
