import { Hono } from 'hono';
import type { ConnectorList } from '../../shared/schemas/connector.ts';
import type { AppDeps } from '../app-deps.ts';
import { requirePermission } from '../auth/session-middleware.ts';

export function connectorsRoutes(deps: AppDeps) {
  return new Hono().get('/', requirePermission('accounts:read'), async (c) =>
    c.json({ items: await deps.connectors.list() } satisfies ConnectorList, 200),
  );
}
