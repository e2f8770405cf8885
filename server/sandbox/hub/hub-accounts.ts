import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { findConnector, findConnectorByIntegration, type Connector } from '../catalog/connectors.ts';
import type { SandboxContext } from '../context.ts';
import { parseJsonBody } from '../http/parse-input.ts';
import { stackOneError } from '../http/stackone-error.ts';
import type { SandboxAccount } from '../model.ts';
import { linkAccount } from '../state/link-account.ts';
import { checkCredentials } from './credential-check.ts';
import { missingRequiredFields, splitCredentials } from './credential-fields.ts';
import { CONNECTOR_VERSION } from './hub-connectors.ts';
import type { HubEnv } from './hub-session-auth.ts';
import { sessionConnector } from './session-connectors.ts';

const CredentialsBodySchema = z.object({
  integration_id: z.string().min(1),
  // The Hub sends every value as a string; numbers and booleans from hand-written clients are tolerated.
  credentials: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String))
    .default({}),
});

/** The Hub's masked-secret placeholder; short secrets get no suffix so that nothing of them leaks. */
export const redactSecret = (value: string) =>
  `__secretvalue:**redacted**${value.length >= 8 ? value.slice(-4) : ''}`;

/** `GET /hub/accounts/{id}` (edit mode), `POST /hub/accounts` (create) and `PATCH /hub/accounts/{id}`. */
export function hubAccountRoutes(ctx: SandboxContext) {
  const app = new Hono<HubEnv>();

  /** Only the account the session was created for (`account_id`) can be read or edited. */
  const sessionAccount = (c: Context<HubEnv>): SandboxAccount | undefined => {
    const id = c.req.param('id');
    const session = c.get('session');
    return id && session.account_id === id ? ctx.store.getAccount(id) : undefined;
  };

  app.get('/hub/accounts/:id', (c) => {
    const account = sessionAccount(c);
    if (!account) return stackOneError(c, 404, 'Account not found');
    return c.json({
      secureId: account.id,
      provider: account.provider,
      integrationId: account.integration_id,
      version: CONNECTOR_VERSION,
      authConfigKey: account.authentication_config_key,
      environment: account.environment,
      setupInformation: account.setup_information,
      secrets: Object.fromEntries(Object.entries(account.secrets).map(([k, v]) => [k, redactSecret(v)])),
    });
  });

  app.post('/hub/accounts', async (c) => {
    const body = await parseJsonBody(c, CredentialsBodySchema);
    if (!body.ok) return body.response;
    const session = c.get('session');
    const connector = sessionConnector(ctx.store, session, body.data.integration_id);
    if (!connector) return stackOneError(c, 404, 'Integration not found for this connect session');
    const stored = session.account_id ? ctx.store.getAccount(session.account_id) : undefined;
    return complete(c, connector, body.data.credentials, stored);
  });

  app.patch('/hub/accounts/:id', async (c) => {
    const account = sessionAccount(c);
    if (!account) return stackOneError(c, 404, 'Account not found');
    const body = await parseJsonBody(c, CredentialsBodySchema);
    if (!body.ok) return body.response;
    const connector = findConnectorByIntegration(account.integration_id) ?? findConnector(account.provider);
    if (!connector || body.data.integration_id !== connector.integration_id)
      return stackOneError(c, 400, `integration_id must be ${account.integration_id} for this account`);
    return complete(c, connector, body.data.credentials, account);
  });

  /** Validates, runs the simulated provider check, then links. `stored` values count for required fields. */
  function complete(
    c: Context<HubEnv>,
    connector: Connector,
    values: Record<string, string>,
    stored: SandboxAccount | undefined,
  ) {
    if (connector.auth === 'oauth2')
      return stackOneError(c, 400, `${connector.name} connects with OAuth: use the connection popup`);
    const credentials = splitCredentials(connector, values);
    const submitted = { ...credentials.setup_information, ...credentials.secrets };
    const missing = missingRequiredFields(connector, {
      ...stored?.setup_information,
      ...stored?.secrets,
      ...submitted,
    });
    if (missing.length) return stackOneError(c, 400, `Missing required fields: ${missing.join(', ')}`);
    const problem = checkCredentials(connector, submitted);
    if (problem)
      return stackOneError(c, problem.status, problem.message, {
        provider_response: problem.provider_response,
      });
    const result = linkAccount(ctx.store, c.get('session'), connector, credentials);
    if (!result.ok) return stackOneError(c, 404, 'The account of this connect session no longer exists');
    return c.json({ id: result.account.id, provider: result.account.provider });
  }

  return app;
}
