import { Hono } from 'hono';
import { z } from 'zod';
import { findConnector } from '../catalog/connectors.ts';
import type { SandboxContext } from '../context.ts';
import { stackOneError } from '../http/stackone-error.ts';
import { controlAccountJson } from './control-account-json.ts';
import { CreateAccountSchema, newAccountInput } from './new-account.ts';
import { parseJsonBody } from '../http/parse-input.ts';
import { statusReason } from './status-reasons.ts';

const BreakSchema = z.strictObject({
  status: z.enum(['error', 'inactive']).default('error'),
  code: z.string().min(1).max(100).optional(),
  description: z.string().min(1).max(1000).optional(),
});

/** Account changes StackOne makes on its own (a token expiring…), plus direct creation for tests. */
export function accountControlRoutes(ctx: SandboxContext) {
  const { store } = ctx;
  const notFound = (id: string) => `Account ${id} not found`;

  return new Hono()
    .post('/accounts', async (c) => {
      const body = await parseJsonBody(c, CreateAccountSchema);
      if (!body.ok) return body.response;
      const connector = findConnector(body.data.provider);
      if (!connector) return stackOneError(c, 400, `provider: unknown provider "${body.data.provider}"`);
      if (body.data.id && store.getAccount(body.data.id))
        return stackOneError(c, 409, `Account ${body.data.id} already exists`);
      const account = store.createAccount(newAccountInput(connector, body.data));
      return c.json(controlAccountJson(account), 201);
    })
    .post('/accounts/:id/break', async (c) => {
      const id = c.req.param('id');
      const account = store.getAccount(id);
      if (!account) return stackOneError(c, 404, notFound(id));
      const body = await parseJsonBody(c, BreakSchema);
      if (!body.ok) return body.response;
      const { status, code, description } = body.data;
      const updated = store.updateAccount(id, {
        status,
        status_reasons: [statusReason(status, account.provider_name, code, description)],
      })!;
      return c.json(controlAccountJson(updated), 200);
    })
    .post('/accounts/:id/repair', (c) => {
      const id = c.req.param('id');
      const updated = store.updateAccount(id, { status: 'active', status_reasons: null });
      if (!updated) return stackOneError(c, 404, notFound(id));
      return c.json(controlAccountJson(updated), 200);
    });
}
