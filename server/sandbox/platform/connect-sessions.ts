import { Hono } from 'hono';
import { findConnector } from '../catalog/connectors.ts';
import type { SandboxContext } from '../context.ts';
import { EXPIRES_IN } from '../http/input-defaults.ts';
import { parseJsonBody } from '../http/parse-input.ts';
import { stackOneError } from '../http/stackone-error.ts';
import { ORGANIZATION_ID, PROJECT_ID } from '../model.ts';
import { ConnectSessionAuthenticateSchema, ConnectSessionCreateSchema } from './connect-session-input.ts';
import { toConnectSessionTokenWire, toConnectSessionWire } from './connect-session-wire.ts';

/**
 * `/connect_sessions` (stackone-api.md §3). Both POSTs answer 201: the SDK rejects a 200. The
 * session is only stored here; what completing it does (create, reopen or update an account) is the
 * Hub routes' job.
 */
export function connectSessionRoutes(ctx: SandboxContext) {
  const { store } = ctx;
  return new Hono()
    .post('/connect_sessions', async (c) => {
      const body = await parseJsonBody(c, ConnectSessionCreateSchema);
      if (!body.ok) return body.response;
      const input = body.data;

      let provider = input.provider ?? null;
      if (provider !== null && !findConnector(provider))
        return stackOneError(c, 400, `Unknown provider ${JSON.stringify(provider)}`);
      const accountId = input.account_id ?? null;
      if (accountId !== null) {
        const account = store.getAccount(accountId);
        if (!account) return stackOneError(c, 404, `Account ${JSON.stringify(accountId)} not found`);
        if (provider !== null && provider !== account.provider)
          return stackOneError(
            c,
            400,
            `provider ${JSON.stringify(provider)} does not match the account's provider ${JSON.stringify(account.provider)}`,
          );
        provider = account.provider;
      }

      const session = store.createSession({
        organization_id: ORGANIZATION_ID,
        project_id: PROJECT_ID,
        origin_owner_id: input.origin_owner_id,
        origin_owner_name: input.origin_owner_name,
        origin_username: input.origin_username ?? null,
        provider,
        provider_version: input.provider_version ?? null,
        categories: input.categories?.length ? input.categories : null,
        account_id: accountId,
        multiple: input.multiple ?? false,
        label: input.label ?? null,
        metadata: input.metadata ?? null,
        type: input.type ?? 'production',
        expires_in: input.expires_in ?? EXPIRES_IN.fallback,
      });
      return c.json(toConnectSessionTokenWire(session, ctx.options.publicUrl), 201);
    })
    .post('/connect_sessions/authenticate', async (c) => {
      const body = await parseJsonBody(c, ConnectSessionAuthenticateSchema);
      if (!body.ok) return body.response;
      const session = store.getLiveSession(body.data.token);
      if (!session) return stackOneError(c, 401, 'Invalid or expired connect session token');
      return c.json(toConnectSessionWire(session), 201);
    });
}
