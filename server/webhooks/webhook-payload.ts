import { z } from 'zod';
import { safeJson } from '../http/pg-safe-text.ts';

/**
 * The fields of a StackOne account webhook the receiver relies on (stackone-api.md §8: flat,
 * snake_case). Everything else is kept as sent, for the timeline.
 */
export const WebhookPayloadSchema = z.looseObject({
  event: z.string().min(1),
  account_id: z.string().min(1).nullish(),
});
export type WebhookPayload = z.infer<typeof WebhookPayloadSchema>;

/** The payload of a verified body, or why it is not one. */
export function parseWebhookPayload(
  rawBody: Uint8Array,
): { ok: true; payload: WebhookPayload } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(rawBody).toString('utf8'));
  } catch {
    return { ok: false, reason: 'The webhook body is not JSON' };
  }
  // The boundary for webhook text: what Postgres cannot store is made safe, never refused, because a
  // signed event refused would be retried by StackOne until it is dropped.
  const parsed = WebhookPayloadSchema.safeParse(safeJson(json));
  if (!parsed.success) {
    return { ok: false, reason: 'The webhook body is not an event object with a string "event"' };
  }
  return { ok: true, payload: parsed.data };
}
