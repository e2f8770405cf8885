import { Hono } from 'hono';
import { SandboxDialectsBodySchema } from '../../../shared/schemas/sandbox-dialect.ts';
import type { SandboxContext } from '../context.ts';
import { parseJsonBody } from '../http/parse-input.ts';

/** The dialects the sandbox speaks (docs/sandbox.md "Dialects"): read, or replace the whole set. */
export function dialectControlRoutes(ctx: SandboxContext) {
  const { dialects } = ctx;
  const current = () => ({ dialects: dialects.list() });

  return new Hono()
    .get('/dialects', (c) => c.json(current(), 200))
    .put('/dialects', async (c) => {
      const body = await parseJsonBody(c, SandboxDialectsBodySchema);
      if (!body.ok) return body.response;
      dialects.set(body.data.dialects);
      return c.json(current(), 200);
    });
}
