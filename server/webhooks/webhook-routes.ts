import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps } from '../app-deps.ts';
import { createWebhookReceiver } from './receive-webhook.ts';

/** `POST /webhooks/stackone`: StackOne's signed account events. */
export function webhookRoutes(deps: AppDeps) {
  const receiveWebhook = createWebhookReceiver(deps);
  const maxBytes = deps.config.webhookMaxBytes;

  return new Hono().post(
    '/stackone',
    bodyLimit({
      maxSize: maxBytes,
      onError: (c) => {
        // Answered before the body was read: the socket cannot carry another request after it.
        c.header('Connection', 'close');
        return c.json(
          {
            error: {
              code: 'payload_too_large',
              message: `Webhook body is larger than ${maxBytes} bytes (WEBHOOK_MAX_BYTES)`,
            },
          },
          413,
        );
      },
    }),
    async (c) => {
      // The signature covers the exact bytes, so the body is read raw, never re-serialised.
      const rawBody = new Uint8Array(await c.req.arrayBuffer());
      await receiveWebhook(rawBody, c.req.header('x-stackone-signature'));
      return c.json({ received: true }, 200);
    },
  );
}
