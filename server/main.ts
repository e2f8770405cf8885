import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { DEFAULT_SANDBOX_API_KEY } from './sandbox/config.ts';
import { startSandbox } from './sandbox/start-sandbox.ts';

// Minimal entry: serves the SPA and, with no STACKONE_API_KEY, the embedded sandbox.
const port = Number(process.env.PORT ?? 3000);
if (!process.env.STACKONE_API_KEY) {
  const sandbox = await startSandbox({
    apiKey: DEFAULT_SANDBOX_API_KEY,
    port: Number(process.env.SANDBOX_PORT ?? 4010),
  });
  console.log(`StackOne sandbox on ${sandbox.url}`);
}
const app = new Hono();
app.get('/api/health', (c) => c.json({ ok: true }, 200));
app.use('/*', serveStatic({ root: './dist/web' }));
app.get('*', serveStatic({ path: './dist/web/index.html' }));
serve({ fetch: app.fetch, port }, () => console.log(`Switchboard on http://localhost:${port}`));
