import { Hono } from 'hono';
import { html, raw } from 'hono/html';
import type { SandboxContext } from '../context.ts';
import { HUB_SCRIPT_PATH } from './hub-assets.ts';
import { messagePage, sandboxPage } from './html-layout.ts';
import { sessionConnectors } from './session-connectors.ts';

// Inline: shows the outcome next to the Hub, which has no page-level feedback of its own.
const SCRIPT = `
  const hub = document.querySelector('stackone-hub');
  const status = document.getElementById('link-status');
  const names = JSON.parse(status.dataset.names);
  hub.addEventListener('success', (event) => {
    const name = names[event.detail.provider] || event.detail.provider;
    status.textContent = 'Connected. Your ' + name + ' account is linked; you can close this page.';
    status.classList.add('ok');
    document.body.dataset.accountId = event.detail.id;
  });
  hub.addEventListener('close', () => {
    hub.remove();
    status.textContent = status.textContent || 'You can close this page.';
  });
`;

/**
 * The hosted auth link (`auth_link_url`): `/embedded/integrations?token=…` renders the real Hub web
 * component for the session. An unknown token gets 404 and an expired one 410, each as a readable page.
 */
export function authLinkPageRoutes(ctx: SandboxContext) {
  const app = new Hono();

  app.get('/embedded/integrations', (c) => {
    const token = c.req.query('token') ?? '';
    const session = ctx.store.sessions.get(token);
    if (!session)
      return c.html(
        messagePage('This link is not valid', 'Ask whoever sent it to you for a new connection link.'),
        404,
      );
    if (!ctx.store.getLiveSession(token))
      return c.html(
        messagePage('This link has expired', 'Connection links are short-lived. Ask for a new one.'),
        410,
      );
    const base = ctx.options.publicUrl;
    const names = Object.fromEntries(sessionConnectors(ctx.store, session).map((c) => [c.provider, c.name]));
    return c.html(
      sandboxPage(
        `Connect your account for ${session.origin_owner_name}`,
        html`<h1>Connect your account</h1>
          <p
            class="status"
            id="link-status"
            role="status"
            aria-live="polite"
            data-names="${JSON.stringify(names)}"
          ></p>
          <stackone-hub token="${token}" base-url="${base}" app-url="${base}" height="560px"></stackone-hub>
          <script src="${HUB_SCRIPT_PATH}"></script>
          <script>
            ${raw(SCRIPT)};
          </script>`,
      ),
    );
  });

  return app;
}
