import { Hono } from 'hono';
import { html, raw } from 'hono/html';
import type { SandboxContext } from '../context.ts';
import { HUB_SCRIPT_PATH } from './hub-assets.ts';
import { messagePage, sandboxPage } from './html-layout.ts';

// Before the Hub's bundle: the height must be set before the element upgrades. The messages are the
// sandbox's own format, read by assets/connect.js (which checks the frame and origin they come from).
// In a cross-site frame, a browser that blocks third-party storage throws on any localStorage read,
// and the Hub's bundle reads it at start: a memory store stands in, for this page only.
const SCRIPT = `
  for (const name of ['localStorage', 'sessionStorage']) {
    try {
      void window[name].length;
    } catch {
      const items = new Map();
      const memory = {
        get length() { return items.size; },
        key: (i) => [...items.keys()][i] ?? null,
        getItem: (k) => (items.has(String(k)) ? items.get(String(k)) : null),
        setItem: (k, v) => void items.set(String(k), String(v)),
        removeItem: (k) => void items.delete(String(k)),
        clear: () => items.clear(),
      };
      Object.defineProperty(window, name, { value: memory, configurable: true });
    }
  }
  const hub = document.querySelector('stackone-hub');
  const target = hub.dataset.hostOrigin || '*';
  const banner = document.querySelector('.banner');
  hub.setAttribute('height', Math.max(360, window.innerHeight - banner.offsetHeight - 24) + 'px');
  const post = (message) => {
    if (window.parent !== window)
      window.parent.postMessage(Object.assign({ source: 'stackone-sandbox-connect' }, message), target);
  };
  hub.addEventListener('success', (event) =>
    post({ event: 'success', account: { id: event.detail.id, provider: event.detail.provider } }),
  );
  hub.addEventListener('close', () => post({ event: 'close' }));
`;

/** `host_origin` as an origin to post to, or null when it is not an http(s) origin. */
function hostOrigin(value: string | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value ? value : null;
  } catch {
    return null;
  }
}

/**
 * `/embedded/connect?token=…&host_origin=…`: what connect.js puts in its iframe. The real Hub web
 * component for the session, with its `success` and `close` events relayed to the host page by
 * postMessage, addressed to `host_origin` (any origin when it is missing or not an origin).
 */
export function connectFramePageRoutes(ctx: SandboxContext) {
  const app = new Hono();
  app.get('/embedded/connect', (c) => {
    const token = c.req.query('token') ?? '';
    const session = ctx.store.sessions.get(token);
    if (!session)
      return c.html(
        messagePage('This session is not valid', 'Close this window and start the connection again.'),
        404,
      );
    if (!ctx.store.getLiveSession(token))
      return c.html(
        messagePage('This session has expired', 'Close this window and start the connection again.'),
        410,
      );
    const base = ctx.options.publicUrl;
    return c.html(
      sandboxPage(
        `Connect your account for ${session.origin_owner_name}`,
        html`<stackone-hub
            token="${token}"
            base-url="${base}"
            app-url="${base}"
            data-host-origin="${hostOrigin(c.req.query('host_origin')) ?? ''}"
          ></stackone-hub>
          <script>
            ${raw(SCRIPT)};
          </script>
          <script src="${HUB_SCRIPT_PATH}"></script>`,
        { compact: true },
      ),
    );
  });
  return app;
}
