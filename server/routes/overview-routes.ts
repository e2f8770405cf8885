import { Hono } from 'hono';
import type { Overview } from '../../shared/schemas/overview.ts';
import type { AppDeps } from '../app-deps.ts';
import { requireAnyPermission } from '../auth/session-middleware.ts';
import { readOverview } from '../overview/read-overview.ts';

export function overviewRoutes(deps: AppDeps) {
  const { db } = deps.database;
  return new Hono().get('/', requireAnyPermission('accounts:read', 'incidents:read'), async (c) =>
    c.json((await readOverview(db)) satisfies Overview, 200),
  );
}
