import { readFile } from 'node:fs/promises';
import { Hono } from 'hono';
import type { SandboxContext } from '../context.ts';

export const CONNECT_SCRIPT_PATH = '/stackone/connect.js';

const source = () => readFile(new URL('./assets/connect.js', import.meta.url), 'utf8');

/**
 * `GET /stackone/connect.js`: the legacy Connect library (`window.Connect.start`) that
 * `@stackone/react-hub` loads from its `connectUrl`, served where StackOne serves it on its app origin.
 * The public URL is baked in only as a fallback for a browser with no `document.currentScript`.
 */
export function connectScriptRoutes(ctx: SandboxContext) {
  const app = new Hono();
  let script: Promise<string> | null = null;
  app.get(CONNECT_SCRIPT_PATH, async (c) => {
    script ??= source().then((js) =>
      js.replace("'__SANDBOX_PUBLIC_URL__'", JSON.stringify(ctx.options.publicUrl)),
    );
    script.catch(() => (script = null));
    return c.body(await script, 200, {
      'content-type': 'application/javascript; charset=utf-8',
      'cache-control': 'public, max-age=300',
      'access-control-allow-origin': '*',
    });
  });
  return app;
}
