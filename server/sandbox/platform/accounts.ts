import { Hono } from 'hono';
import { findConnector } from '../catalog/connectors.ts';
import type { SandboxContext } from '../context.ts';
import { parseJsonBody, parseQuery } from '../http/parse-input.ts';
import { stackOneError } from '../http/stackone-error.ts';
import { AccountPatchSchema, toAccountPatch } from './account-patch.ts';
import { accountPage, AccountListQuerySchema } from './accounts-query.ts';
import { connectorModels } from './connector-meta-wire.ts';
import { toLinkedAccountWire } from './linked-account-wire.ts';

const NOT_FOUND = 'The account with the given identifier does not exist';

/** `/accounts` (stackone-api.md §2): list, get, partial update, delete, meta. */
export function accountRoutes(ctx: SandboxContext) {
  const { store } = ctx;
  return new Hono()
    .get('/accounts', (c) => {
      const query = parseQuery(c, AccountListQuerySchema);
      if (!query.ok) return query.response;
      // A bare array, no envelope: the SDK rejects `{data: […]}`.
      return c.json(accountPage(store.listAccounts(), query.data).map(toLinkedAccountWire), 200);
    })
    .get('/accounts/:id', (c) => {
      const account = store.getAccount(c.req.param('id'));
      if (!account) return stackOneError(c, 404, NOT_FOUND);
      return c.json(toLinkedAccountWire(account), 200);
    })
    .patch('/accounts/:id', async (c) => {
      const account = store.getAccount(c.req.param('id'));
      if (!account) return stackOneError(c, 404, NOT_FOUND);
      const body = await parseJsonBody(c, AccountPatchSchema);
      if (!body.ok) return body.response;
      const patch = toAccountPatch(account, body.data);
      if (!patch.ok) return stackOneError(c, 400, patch.message);
      const updated = store.updateAccount(account.id, patch.patch);
      if (!updated) return stackOneError(c, 404, NOT_FOUND);
      return c.json(toLinkedAccountWire(updated), 200);
    })
    .delete('/accounts/:id', (c) => {
      const deleted = store.deleteAccount(c.req.param('id'));
      if (!deleted) return stackOneError(c, 404, NOT_FOUND);
      // 200 with the deleted account: a 204 makes the SDK throw.
      return c.json(toLinkedAccountWire(deleted), 200);
    })
    .get('/accounts/:id/meta', (c) => {
      const account = store.getAccount(c.req.param('id'));
      if (!account) return stackOneError(c, 404, NOT_FOUND);
      const connector = findConnector(account.provider);
      return c.json(
        {
          provider: account.provider,
          category: connector?.category ?? 'stackone',
          models: connector ? connectorModels(connector) : {},
        },
        200,
      );
    });
}
