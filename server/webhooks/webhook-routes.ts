import { Hono } from 'hono';
import type { AppDeps } from '../app-deps.ts';
import { limitBody } from '../http/body-limit.ts';
import { createWebhookReceiver } from './receive-webhook.ts';

/** `POST /webhooks/stackone`: StackOne's signed account events. */
export function webhookRoutes(deps: AppDeps) {
  const receiveWebhook = createWebhookReceiver(deps);

  return new Hono().post(
    '/stackone',
    limitBody(deps.config.webhookMaxBytes, 'Webhook body (WEBHOOK_MAX_BYTES)'),
    async (c) => {
      // The signature covers the exact bytes, so the body is read raw, never re-serialised.
      const rawBody = new Uint8Array(await c.req.arrayBuffer());
      await receiveWebhook(rawBody, c.req.header('x-stackone-signature'));
      return c.json({ received: true }, 200);
    },
  );
}
