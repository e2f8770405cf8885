import { Hono } from 'hono';
import type { SandboxContext } from '../context.ts';
import { accountRoutes } from './accounts.ts';
import { connectSessionRoutes } from './connect-sessions.ts';
import { connectorsMetaRoutes } from './connectors-meta.ts';
import { requestLogRoutes } from './request-logs.ts';

/** The StackOne platform API, mounted behind API-key auth and the rate limit by app.ts. */
export function platformRoutes(ctx: SandboxContext) {
  return new Hono()
    .route('/', accountRoutes(ctx))
    .route('/', connectSessionRoutes(ctx))
    .route('/', connectorsMetaRoutes(ctx))
    .route('/', requestLogRoutes(ctx));
}
