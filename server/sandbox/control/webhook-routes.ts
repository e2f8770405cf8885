import { Hono } from 'hono';
import { z } from 'zod';
import type { SandboxContext } from '../context.ts';
import { DELIVERIES_LIMIT } from '../http/input-defaults.ts';
import { parseJsonBody, parseQuery } from '../http/parse-input.ts';
import { queryEnum, queryInt, queryText } from '../http/query-fields.ts';
import { stackOneError } from '../http/stackone-error.ts';

const EndpointSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  secret: z.string().min(1).max(500).optional(),
});

const DeliveriesQuerySchema = z.object({
  account_id: queryText,
  event: queryEnum('event', ['account.created', 'account.updated', 'account.deleted']),
  state: queryEnum('state', ['pending', 'delivered', 'failed']),
  url: queryText,
  limit: queryInt('limit', DELIVERIES_LIMIT),
});

const RemoveEndpointQuerySchema = z.object({ url: queryText });

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
      const query = parseQuery(c, RemoveEndpointQuerySchema);
      if (!query.ok) return query.response;
      const { url } = query.data;
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
