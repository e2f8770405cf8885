import { Hono } from 'hono';
import type { SandboxContext } from '../context.ts';
import { accountControlRoutes } from './account-routes.ts';
import { dialectControlRoutes } from './dialect-routes.ts';
import { faultControlRoutes } from './fault-routes.ts';
import { stateControlRoutes } from './state-routes.ts';
import { webhookControlRoutes } from './webhook-routes.ts';

/** The sandbox's control API, mounted at `/_sandbox` behind the API key (see docs/sandbox-webhooks-control.md). */
export function controlRoutes(ctx: SandboxContext) {
  return new Hono()
    .route('/', accountControlRoutes(ctx))
    .route('/', faultControlRoutes(ctx))
    .route('/', dialectControlRoutes(ctx))
    .route('/', webhookControlRoutes(ctx))
    .route('/', stateControlRoutes(ctx));
}
