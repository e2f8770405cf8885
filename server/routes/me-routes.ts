import { Hono } from 'hono';
import type { AppDeps } from '../app-deps.ts';
import { meView } from '../auth/me-view.ts';
import { requireSignedIn } from '../auth/session-middleware.ts';
import { AppError } from '../http/app-error.ts';

export function meRoutes(deps: AppDeps) {
  return new Hono().get('/', requireSignedIn, async (c) => {
    const me = await meView(deps.database.db, c.get('actor'));
    if (!me) throw new AppError('unauthenticated', 'Sign in to continue');
    return c.json(me, 200);
  });
}
