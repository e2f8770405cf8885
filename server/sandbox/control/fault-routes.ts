import { Hono } from 'hono';
import { z } from 'zod';
import type { SandboxContext } from '../context.ts';
import { FaultRuleInputSchema } from '../http/faults.ts';
import { stackOneError } from '../http/stackone-error.ts';
import { parseJsonBody } from '../http/parse-input.ts';

const RateLimitSchema = z.strictObject({
  perMinute: z.number().int().min(1).max(1_000_000),
  /** `Retry-After` seconds of this limit's 429s instead of what is left of the minute (or slow-429's 60). */
  retryAfter: z.number().int().min(0).max(3600).optional(),
});

/** Fault rules (latency, error statuses) and the platform API's rate limit. */
export function faultControlRoutes(ctx: SandboxContext) {
  const { faults } = ctx;

  return new Hono()
    .get('/faults', (c) => c.json({ data: faults.list() }, 200))
    .post('/faults', async (c) => {
      const body = await parseJsonBody(c, FaultRuleInputSchema);
      if (!body.ok) return body.response;
      return c.json(faults.add(body.data), 201);
    })
    .delete('/faults/:id', (c) => {
      const id = c.req.param('id');
      if (!faults.remove(id)) return stackOneError(c, 404, `Fault rule ${id} not found`);
      return c.body(null, 204);
    })
    .delete('/faults', (c) => {
      // Rule by rule rather than clear(), which would also restart the rate-limit window.
      const ids = faults.list().map((r) => r.id);
      for (const id of ids) faults.remove(id);
      return c.json({ removed: ids.length }, 200);
    })
    .get('/rate-limit', (c) => c.json(faults.rateLimitState(), 200))
    .put('/rate-limit', async (c) => {
      const body = await parseJsonBody(c, RateLimitSchema);
      if (!body.ok) return body.response;
      faults.setRateLimit(body.data.perMinute, body.data.retryAfter);
      return c.json(faults.rateLimitState(), 200);
    });
}
