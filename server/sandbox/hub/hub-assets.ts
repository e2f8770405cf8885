import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Hono } from 'hono';

export const HUB_SCRIPT_PATH = '/hub-assets/webcomponent.js';

// `@stackone/hub` exports `./webcomponent` but not `./package.json`, so resolve the bundle itself.
const bundlePath = () => createRequire(import.meta.url).resolve('@stackone/hub/webcomponent');

/**
 * Serves the installed `@stackone/hub` web-component bundle, unmodified, so that hosted pages and
 * local host apps can load the real Hub with no internet. UTF-8 must be declared: the bundle's "←"
 * is mis-decoded otherwise.
 */
export function hubAssetRoutes() {
  const app = new Hono();
  const cache = new Map<string, Promise<Buffer>>();
  const load = (path: string) => {
    let file = cache.get(path);
    if (!file) {
      file = readFile(path);
      file.catch(() => cache.delete(path));
      cache.set(path, file);
    }
    return file;
  };

  app.get(HUB_SCRIPT_PATH, async (c) =>
    c.body(new Uint8Array(await load(bundlePath())), 200, {
      'content-type': 'application/javascript; charset=utf-8',
      'cache-control': 'public, max-age=3600',
      'access-control-allow-origin': '*',
    }),
  );
  app.get(`${HUB_SCRIPT_PATH}.map`, async (c) =>
    c.body(new Uint8Array(await load(`${bundlePath()}.map`)), 200, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'public, max-age=3600',
    }),
  );
  return app;
}
