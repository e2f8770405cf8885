import { Hono } from 'hono';
import { z } from 'zod';
import type { SandboxContext } from '../context.ts';
import { stackOneError } from '../http/stackone-error.ts';
import { parseJsonBody, parseQuery } from './parse-input.ts';

const EndpointSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  secret: z.string().min(1).max(500).optional(),
});

const DeliveriesQuerySchema = z.object({
  account_id: z.string().min(1).optional(),
  event: z.enum(['account.created', 'account.updated', 'account.deleted']).optional(),
  state: z.enum(['pending', 'delivered', 'failed']).optional(),
  url: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/** Webhook endpoints (secrets included: this is a local sandbox) and the delivery log. */
export function webhookControlRoutes(ctx: SandboxContext) {
  const { webhooks } = ctx;

  return new Hono()
    .get('/webhooks', (c) =>
      c.json(
        {
          data: webhooks.listEndpoints(),
          policy: {
            retry_delays_ms: webhooks.policy.retryDelaysMs,
            timeout_ms: webhooks.policy.timeoutMs,
            concurrency_per_endpoint: webhooks.policy.concurrency,
          },
        },
        200,
      ),
    )
    .post('/webhooks', async (c) => {
      const body = await parseJsonBody(c, EndpointSchema);
      if (!body.ok) return body.response;
      const { endpoint, created } = webhooks.addEndpoint(body.data.url, body.data.secret);
      return c.json(endpoint, created ? 201 : 200);
    })
    .delete('/webhooks', (c) => {
      const url = c.req.query('url');
      if (url === undefined) return c.json({ removed: webhooks.removeAllEndpoints() }, 200);
      if (!webhooks.removeEndpoint(url)) return stackOneError(c, 404, `No webhook endpoint ${url}`);
      return c.body(null, 204);
    })
    .get('/webhooks/deliveries', (c) => {
      const query = parseQuery(c, DeliveriesQuerySchema);
      if (!query.ok) return query.response;
      return c.json(webhooks.deliveries(query.data), 200);
    });
}
