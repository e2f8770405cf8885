import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export interface ConnectHostPages {
  /** Origin of the host pages (127.0.0.1), never the sandbox's (localhost). */
  origin: string;
  /** A plain page: `<script src=".../stackone/connect.js">` and a button that calls `Connect.start`. */
  scriptPageUrl(query: { token: string; inline?: string }): string;
  /** The React page built from react-hub-page/: `useStackOneHub({ connectUrl })`. */
  reactPageUrl(query: { token: string; connectUrl: string }): string;
  close(): Promise<void>;
}

const PAGE_DIR = fileURLToPath(new URL('./react-hub-page/', import.meta.url));

/** The installed `@stackone/react-hub`'s ES module build (its package.json `module`). */
function reactHubModule(): string {
  const manifest = createRequire(import.meta.url).resolve('@stackone/react-hub/package.json');
  const { module } = JSON.parse(readFileSync(manifest, 'utf8')) as { module: string };
  return join(dirname(manifest), module);
}

/** Bundles the React page with the real `@stackone/react-hub` and the project's React, as an app would. */
async function buildReactPage(outDir: string) {
  await build({
    configFile: false,
    root: PAGE_DIR,
    base: '/react/',
    logLevel: 'warn',
    resolve: { alias: { '@stackone/react-hub': reactHubModule() }, dedupe: ['react', 'react-dom'] },
    build: { outDir, emptyOutDir: true, minify: false },
  });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
};

/**
 * A customer's app on its own origin, using StackOne's legacy Connect library from the sandbox. Both
 * pages record the callbacks in `window.connectEvents` and in a visible "Host events" list.
 */
export async function startConnectHostPages(sandboxUrl: string): Promise<ConnectHostPages> {
  const outDir = await mkdtemp(join(tmpdir(), 'react-hub-page-'));
  await buildReactPage(outDir);

  const scriptPage = (inline: string | null) => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Script host app</title></head>
<body>
  <h1>Script host app</h1>
  <button type="button" id="connect">Connect account</button>
  <ol aria-label="Host events" id="events"></ol>
  <div id="hub-container"></div>
  <script src="${sandboxUrl}/stackone/connect.js"></script>
  <script>
    window.connectEvents = [];
    const record = (event) => {
      window.connectEvents.push(event);
      const item = document.createElement('li');
      item.textContent = event.type + (event.account ? ' ' + event.account.provider + ' ' + event.account.id : '');
      document.getElementById('events').append(item);
    };
    document.getElementById('connect').addEventListener('click', () => {
      Connect.start({
        sessionToken: new URLSearchParams(location.search).get('token'),
        ${inline ? `styles: { inline: { containerId: 'hub-container', height: '${inline}' } },` : ''}
        onSuccess: (account) => record({ type: 'success', account }),
        onCancel: () => record({ type: 'cancel' }),
        onClose: () => record({ type: 'close' }),
      });
    });
  </script>
</body>
</html>`;

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://host');
    if (url.pathname === '/script') {
      const inline = url.searchParams.get('inline');
      res
        .writeHead(200, { 'content-type': TYPES['.html']! })
        .end(scriptPage(inline && /^\d+px$/.test(inline) ? inline : null));
      return;
    }
    if (url.pathname.startsWith('/react/')) {
      const rel = url.pathname === '/react/' ? 'index.html' : url.pathname.slice('/react/'.length);
      const file = normalize(join(outDir, rel));
      if (!file.startsWith(outDir)) {
        res.writeHead(404).end();
        return;
      }
      readFile(file).then(
        (body) =>
          res
            .writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
            .end(body),
        () => res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'),
      );
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    scriptPageUrl: (query) => `${origin}/script?${new URLSearchParams(query)}`,
    reactPageUrl: (query) => `${origin}/react/?${new URLSearchParams(query)}`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(outDir, { recursive: true, force: true });
    },
  };
}
