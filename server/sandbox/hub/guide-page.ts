import { Hono } from 'hono';
import { html } from 'hono/html';
import { findConnector, isSecretField } from '../catalog/connectors.ts';
import { messagePage, sandboxPage } from './html-layout.ts';

/** The Hub's "Connection guide" link: how to fill the sandbox's form, including the magic values. */
export function guidePageRoutes() {
  const app = new Hono();
  app.get('/guides/:provider', (c) => {
    const connector = findConnector(c.req.param('provider'));
    if (!connector) return c.html(messagePage('No guide', 'The sandbox has no connector of that name.'), 404);
    const secret = connector.fields.some(isSecretField);
    return c.html(
      sandboxPage(
        `${connector.name} connection guide`,
        html`<div class="card">
          <h1>Connecting ${connector.name} in the sandbox</h1>
          ${
            connector.auth === 'oauth2'
              ? html`<p>
                  Press <strong>Connect</strong>. A consent page opens in a popup:
                  <strong>Approve</strong> links the account, <strong>Deny</strong> fails the connection with
                  <code>access_denied</code>.
                </p>`
              : html`<p>Any values that pass the form's own validation are accepted.</p>`
          }
          ${
            connector.fields.length
              ? html`<h2>Fields</h2>
                  <ul>
                    ${connector.fields.map(
                      (f) =>
                        html`<li>
                          ${f.label}${f.required ? '' : ' (optional)'}${isSecretField(f) ? ', secret' : ''}
                        </li>`,
                    )}
                  </ul>`
              : ''
          }
          ${
            secret
              ? html`<h2>Simulated provider errors</h2>
                  <ul>
                    <li>A secret of exactly <code>invalid</code>: "Invalid credentials".</li>
                    <li>A secret of exactly <code>forbidden</code>: "Insufficient permissions".</li>
                    <li>A secret of exactly <code>timeout</code>: "Provider unreachable".</li>
                  </ul>`
              : ''
          }
        </div>`,
      ),
    );
  });
  return app;
}
