import { Hono } from 'hono';
import type { AppDeps } from '../app-deps.ts';

export function connectorsRoutes(deps: AppDeps) {
  return new Hono().get('/', async (c) => c.json({ items: await deps.connectors.list() }, 200));
}
