import { Hono } from 'hono';
import { CreateConnectSessionRequestSchema } from '../../shared/schemas/connect-session.ts';
import type { AppDeps } from '../app-deps.ts';
import { createNewAccountConnectSession } from '../connect/connect-sessions.ts';
import { validate } from '../http/validate.ts';

export function connectSessionsRoutes(deps: AppDeps) {
  return new Hono().post('/', validate('json', CreateConnectSessionRequestSchema), async (c) => {
    return c.json(await createNewAccountConnectSession(deps, c.req.valid('json')), 201);
  });
}
