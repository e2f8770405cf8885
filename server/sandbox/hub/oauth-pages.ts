import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import type { Connector } from '../catalog/connectors.ts';
import type { SandboxContext } from '../context.ts';
import type { ConnectionAttempt, ConnectSession } from '../model.ts';
import { linkAccount } from '../state/link-account.ts';
import { findAttempt } from './connection-attempts.ts';
import { missingRequiredFields, splitCredentials } from './credential-fields.ts';
import { messagePage, sandboxPage } from './html-layout.ts';
import { sessionConnector } from './session-connectors.ts';

/** Query parameters of the popup URL that are not connector fields (stackone-hub-protocol.md §2.10). */
const RESERVED = new Set(['redirect_uri', 'token', 'connection_attempt_id']);
const FIELD_PREFIX = 'field:';

interface PopupRequest {
  session: ConnectSession;
  attempt: ConnectionAttempt;
  connector: Connector;
  redirectUri: URL;
}

/**
 * The OAuth popup the Hub opens (`/connect/oauth2/{integration_id}`), the sandbox's stand-in for a
 * provider's consent screen, and the callback page it redirects to. No Cross-Origin-Opener-Policy is
 * sent: with COOP the Hub could not see the popup close.
 */
export function oauthPageRoutes(ctx: SandboxContext) {
  const app = new Hono();

  /** Checks token, attempt, integration and redirect; on failure gives the HTML error page to send. */
  function resolve(
    c: Context,
    integrationId: string,
    params: { token?: string; attemptId?: string; redirectUri?: string },
  ): { ok: true; value: PopupRequest } | { ok: false; page: Response | Promise<Response> } {
    const fail = (status: 400 | 404 | 409 | 410, title: string, message: string) => ({
      ok: false as const,
      page: c.html(messagePage(title, message), status),
    });
    const session = ctx.store.getLiveSession(params.token);
    if (!session) return fail(410, 'This link has expired', 'The connect session is unknown or has expired.');
    const attempt = findAttempt(ctx.store, session, params.attemptId);
    if (!attempt) return fail(404, 'Unknown connection attempt', 'Start the connection again from the Hub.');
    if (attempt.status !== 'pending')
      return fail(409, 'Connection already finished', `This connection attempt is ${attempt.status}.`);
    const connector = sessionConnector(ctx.store, session, integrationId);
    if (!connector || connector.auth !== 'oauth2')
      return fail(404, 'Unknown integration', 'This integration does not use OAuth in this session.');
    const redirectUri = parseHttpUrl(params.redirectUri);
    if (!redirectUri) return fail(400, 'Invalid redirect', 'redirect_uri must be an http(s) URL.');
    return { ok: true, value: { session, attempt, connector, redirectUri } };
  }

  app.get('/connect/oauth2/:integrationId', (c) => {
    const query = c.req.query();
    const integrationId = c.req.param('integrationId');
    const resolved = resolve(c, integrationId, {
      token: query.token,
      attemptId: query.connection_attempt_id,
      redirectUri: query.redirect_uri,
    });
    if (!resolved.ok) return resolved.page;
    const { session, attempt, connector, redirectUri } = resolved.value;
    attempt.integration_id = connector.integration_id;
    const fields = Object.entries(query).filter(([key]) => !RESERVED.has(key));
    const logo = `${ctx.options.publicUrl}/logos/${connector.provider}.svg`;
    return c.html(
      sandboxPage(
        `Connect ${connector.name}`,
        html`<div class="card">
          <h1><img class="logo" src="${logo}" alt="" />Connect ${connector.name}</h1>
          <p>
            <strong>${session.origin_owner_name}</strong> wants StackOne to access your ${connector.name}
            account. This page stands in for ${connector.name}'s sign-in and consent screen.
          </p>
          <h2>Access requested</h2>
          <ul>
            ${connector.resources.map((r) => html`<li>Read ${r.replace(/_/g, ' ')}</li>`)}
          </ul>
          ${
            fields.length
              ? html`<h2>Settings from the Hub</h2>
                  <dl>
                    ${fields.map(
                      ([k, v]) =>
                        html`<dt>${k}</dt>
                          <dd>${v}</dd>`,
                    )}
                  </dl>`
              : ''
          }
          <form method="post" action="/connect/oauth2/${integrationId}/decision">
            <input type="hidden" name="token" value="${session.token}" />
            <input type="hidden" name="connection_attempt_id" value="${attempt.id}" />
            <input type="hidden" name="redirect_uri" value="${redirectUri.href}" />
            ${fields.map(([k, v]) => html`<input type="hidden" name="${FIELD_PREFIX}${k}" value="${v}" />`)}
            <div class="actions">
              <button class="primary" type="submit" name="decision" value="approve">Approve</button>
              <button class="secondary" type="submit" name="decision" value="deny">Deny</button>
            </div>
          </form>
        </div>`,
      ),
    );
  });

  app.post('/connect/oauth2/:integrationId/decision', async (c) => {
    const form = await c.req.parseBody();
    const text = (key: string) => (typeof form[key] === 'string' ? form[key] : undefined);
    const resolved = resolve(c, c.req.param('integrationId'), {
      token: text('token'),
      attemptId: text('connection_attempt_id'),
      redirectUri: text('redirect_uri'),
    });
    if (!resolved.ok) return resolved.page;
    const { session, attempt, connector, redirectUri } = resolved.value;

    const finish = (status: 'success' | 'error', error?: { code: string; description: string }) => {
      if (error) Object.assign(attempt, { status: 'error', error });
      redirectUri.searchParams.set('status', status);
      if (error) redirectUri.searchParams.set('error', error.code);
      return c.redirect(redirectUri.href, 302);
    };

    if (text('decision') !== 'approve')
      return finish('error', { code: 'access_denied', description: 'The user denied access' });

    const values: Record<string, string> = {};
    for (const [key, value] of Object.entries(form))
      if (key.startsWith(FIELD_PREFIX) && typeof value === 'string')
        values[key.slice(FIELD_PREFIX.length)] = value;
    const missing = missingRequiredFields(connector, values);
    if (missing.length)
      return finish('error', {
        code: 'invalid_request',
        description: `Missing required fields: ${missing.join(', ')}`,
      });

    const credentials = splitCredentials(connector, values);
    // What a provider's token endpoint would have handed StackOne.
    credentials.secrets.access_token = `sbx_at_${randomBytes(16).toString('hex')}`;
    credentials.secrets.refresh_token = `sbx_rt_${randomBytes(16).toString('hex')}`;
    const result = linkAccount(ctx.store, session, connector, credentials);
    if (!result.ok)
      return finish('error', {
        code: 'account_not_found',
        description: 'The account of this connect session no longer exists',
      });
    Object.assign(attempt, { status: 'authenticated', account_id: result.account.id, error: null });
    return finish('success');
  });

  // The popup lands here; the Hub learns the outcome by polling and closes the popup itself.
  app.get('/embedded/accounts/callback', (c) =>
    c.req.query('status') === 'error'
      ? c.html(messagePage('Not connected', 'The connection was not completed. You can close this window.'))
      : c.html(messagePage('Connected', 'Connected, you can close this window.')),
  );

  return app;
}

function parseHttpUrl(value: string | undefined): URL | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}
