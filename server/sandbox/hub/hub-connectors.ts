import { Hono } from 'hono';
import { z } from 'zod';
import { isSecretField, type Connector, type ConnectorField } from '../catalog/connectors.ts';
import type { SandboxContext } from '../context.ts';
import { parseQuery } from '../http/parse-input.ts';
import { queryText } from '../http/query-fields.ts';
import { stackOneError } from '../http/stackone-error.ts';
import type { HubEnv } from './hub-session-auth.ts';
import { sessionConnector, sessionConnectors } from './session-connectors.ts';

export const CONNECTOR_VERSION = '1.0.0';

const ConnectorsQuerySchema = z.object({ provider: queryText });

/** `GET /hub/connectors` (the Hub's "hubData") and `GET /hub/connectors/{integration_id}`. */
export function hubConnectorRoutes(ctx: SandboxContext) {
  const app = new Hono<HubEnv>();
  const logoUrl = (provider: string) => `${ctx.options.publicUrl}/logos/${provider}.svg`;

  app.get('/hub/connectors', (c) => {
    const session = c.get('session');
    // The Hub adds ?provider= only in edit mode, with the edited account's provider.
    const query = parseQuery(c, ConnectorsQuerySchema);
    if (!query.ok) return query.response;
    const { provider } = query.data;
    const integrations = sessionConnectors(ctx.store, session)
      .filter((connector) => !provider || connector.provider === provider)
      .map((connector) => ({
        active: true,
        name: connector.name,
        provider: connector.provider,
        type: connector.category,
        version: CONNECTOR_VERSION,
        integration_id: connector.integration_id,
        authentication_config_key: connector.authentication_config_key,
        environment: 'production',
        logo_url: logoUrl(connector.provider),
      }));
    return c.json({ integrations, external_trigger_token: session.external_trigger_token });
  });

  app.get('/hub/connectors/:integrationId', (c) => {
    const connector = sessionConnector(ctx.store, c.get('session'), c.req.param('integrationId'));
    if (!connector) return stackOneError(c, 404, 'Integration not found for this connect session');
    const guideUrl = `${ctx.options.publicUrl}/guides/${connector.provider}`;
    const config =
      connector.config_shape === 'legacy'
        ? legacyConfig(connector, logoUrl(connector.provider), guideUrl)
        : falconConfig(connector, logoUrl(connector.provider), guideUrl);
    return c.json({ config });
  });

  return app;
}

/** The Hub treats a field as secret unless `secret: false`, so the flag is always written out. */
function hubField(field: ConnectorField) {
  return {
    key: field.key,
    label: field.label,
    type: field.type,
    required: field.required,
    secret: isSecretField(field),
    readOnly: false,
    placeholder: field.placeholder ?? '',
    ...(field.description !== undefined && { description: field.description }),
    ...(field.value !== undefined && { value: field.value }),
    ...(field.display !== undefined && { display: field.display }),
    ...(field.options && { options: field.options }),
    ...(field.validation && { validation: field.validation }),
  };
}

/** `type`/`grantType` decide popup or form: only `oauth2` + `authorization_code` opens the popup. */
const authType = (connector: Connector) =>
  connector.auth === 'oauth2' ? { type: 'oauth2', grantType: 'authorization_code' } : { type: 'custom' };

function falconConfig(connector: Connector, icon: string, guideUrl: string) {
  return {
    key: connector.provider,
    name: connector.name,
    ...authType(connector),
    assets: { icon },
    support: { link: guideUrl, description: `Connect ${connector.name} to the StackOne sandbox.` },
    configFields: connector.fields.map(hubField),
    configNotices: connector.notices ?? [],
  };
}

function legacyConfig(connector: Connector, icon: string, guideUrl: string) {
  return {
    key: connector.provider,
    name: connector.name,
    assets: { icon },
    authentication: {
      [connector.authentication_config_key]: {
        production: {
          ...authType(connector),
          guide: { supportLink: guideUrl, description: `Connect ${connector.name} to the StackOne sandbox.` },
          fields: connector.fields.map(hubField),
        },
      },
    },
  };
}
