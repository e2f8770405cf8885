import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ORGANIZATION_ID, PROJECT_ID } from '../../server/sandbox/model.ts';
import type { SandboxStore } from '../../server/sandbox/state/store.ts';

export interface HubHostPage {
  /** Origin of the host page (127.0.0.1), never the sandbox's (localhost). */
  origin: string;
  /** URL of a page that mounts `<stackone-hub>` with these attributes (token, account-id…). */
  pageUrl(attributes: Record<string, string>): string;
  close(): Promise<void>;
}

const escapeAttr = (s: string) => s.replace(/[&"<>]/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * A customer's app, as far as the Hub is concerned: a page on its own origin that loads the web
 * component from the sandbox and records the `success` and `close` events (in `window.hubEvents` and
 * in a visible "Host events" log).
 */
export async function startHubHostPage(sandboxUrl: string): Promise<HubHostPage> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://host');
    if (url.pathname !== '/') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const attributes = Object.entries({
      'base-url': sandboxUrl,
      'app-url': sandboxUrl,
      ...Object.fromEntries(url.searchParams),
    })
      .map(([k, v]) => `${k}="${escapeAttr(v)}"`)
      .join(' ');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Host app</title></head>
<body>
  <h1>Host app</h1>
  <ol aria-label="Host events" id="events"></ol>
  <stackone-hub ${attributes}></stackone-hub>
  <script src="${sandboxUrl}/hub-assets/webcomponent.js"></script>
  <script>
    window.hubEvents = [];
    const hub = document.querySelector('stackone-hub');
    for (const type of ['success', 'close']) {
      hub.addEventListener(type, (event) => {
        window.hubEvents.push({ type, detail: event.detail ?? null });
        const item = document.createElement('li');
        item.textContent = type + (event.detail ? ' ' + event.detail.provider + ' ' + event.detail.id : '');
        document.getElementById('events').append(item);
      });
    }
  </script>
</body>
</html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    pageUrl: (attributes) => `${origin}/?${new URLSearchParams(attributes)}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type SessionInput = Parameters<SandboxStore['createSession']>[0];

/** A connect session straight in the store, as `POST /connect_sessions` would make it. */
export function createHubSession(store: SandboxStore, overrides: Partial<SessionInput> = {}) {
  return store.createSession({
    organization_id: ORGANIZATION_ID,
    project_id: PROJECT_ID,
    origin_owner_id: 'cust_hub_test',
    origin_owner_name: 'Hub Test Ltd',
    origin_username: 'tester@hubtest.example',
    provider: null,
    provider_version: null,
    categories: null,
    account_id: null,
    multiple: false,
    label: null,
    metadata: null,
    type: 'production',
    expires_in: 1800,
    ...overrides,
  });
}

/** fetch as the Hub 1.11.4 does it: session token header, version header, JSON content type, CORS. */
export function hubFetch(baseUrl: string, token: string | null, path: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (token !== null) headers.set('x-hub-session-token', token);
  headers.set('x-hub-version', '1.11.4');
  headers.set('content-type', 'application/json');
  headers.set('origin', 'http://127.0.0.1:5999');
  return fetch(`${baseUrl}${path}`, { ...init, headers });
}
