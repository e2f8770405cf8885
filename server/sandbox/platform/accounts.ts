import { Hono } from 'hono';
import { findConnector } from '../catalog/connectors.ts';
import type { SandboxContext } from '../context.ts';
import type { SandboxAccount } from '../model.ts';
import { parseJsonBody, parseQuery } from '../http/parse-input.ts';
import { stackOneError } from '../http/stackone-error.ts';
import { AccountPatchSchema, labelFormProblem, toAccountPatch } from './account-patch.ts';
import { accountListQuerySchema, accountPage, fullPageWindow } from './accounts-query.ts';
import { connectorModels } from './connector-meta-wire.ts';
import { withExtraAccountFields } from './extra-fields.ts';
import { toLinkedAccountWire } from './linked-account-wire.ts';
import { shortPageWindow } from './short-pages.ts';

const NOT_FOUND = 'The account with the given identifier does not exist';

/** `/accounts` (stackone-api.md §2): list, get, partial update, delete, meta. */
export function accountRoutes(ctx: SandboxContext) {
  const { store, dialects } = ctx;
  const toWire = (account: SandboxAccount) =>
    dialects.has('extra-fields')
      ? withExtraAccountFields(toLinkedAccountWire(account), account)
      : toLinkedAccountWire(account);

  return new Hono()
    .get('/accounts', (c) => {
      const paging = {
        firstPage: dialects.has('page-zero') ? 0 : 1,
        pageSizeCap: dialects.has('page-size-25') ? 25 : null,
      } as const;
      const query = parseQuery(c, accountListQuerySchema(paging));
      if (!query.ok) return query.response;
      const { pageIndex, pageSize, matches } = query.data;
      const window = dialects.has('short-pages')
        ? shortPageWindow(pageIndex, pageSize)
        : fullPageWindow(pageIndex, pageSize);
      const data = accountPage(store.listAccounts(), matches, window).map(toWire);
      // A bare array by default: the SDK rejects `{data: […]}`, which one StackOne guide shows.
      return dialects.has('envelope') ? c.json({ data }, 200) : c.json(data, 200);
    })
    .get('/accounts/:id', (c) => {
      const account = store.getAccount(c.req.param('id'));
      if (!account) return stackOneError(c, 404, NOT_FOUND);
      return c.json(toWire(account), 200);
    })
    .patch('/accounts/:id', async (c) => {
      // The body is validated before the account is looked up, as a validation layer in front of the
      // handler would: a label in a refused form is a 400 even for an id that does not exist.
      const body = await parseJsonBody(c, AccountPatchSchema);
      if (!body.ok) return body.response;
      const labelForm = dialects.has('label-object') ? 'object' : 'string';
      const refused = labelFormProblem(body.data.label, labelForm);
      if (refused) return stackOneError(c, 400, refused);
      const account = store.getAccount(c.req.param('id'));
      if (!account) return stackOneError(c, 404, NOT_FOUND);
      const patch = toAccountPatch(account, body.data, labelForm);
      if (!patch.ok) return stackOneError(c, 400, patch.message);
      const updated = store.updateAccount(account.id, patch.patch);
      if (!updated) return stackOneError(c, 404, NOT_FOUND);
      return c.json(toWire(updated), 200);
    })
    .delete('/accounts/:id', (c) => {
      const deleted = store.deleteAccount(c.req.param('id'));
      if (!deleted) return stackOneError(c, 404, NOT_FOUND);
      // 200 with the deleted account: a 204 makes the SDK throw.
      return c.json(toWire(deleted), 200);
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
