import type { AppDeps } from '../app-deps.ts';
import { AppError } from '../http/app-error.ts';
import { verifySignature } from './verify-signature.ts';
import { parseWebhookPayload } from './webhook-payload.ts';

/**
 * Verify → store → answer; applying follows asynchronously (`deps.webhooks`: the per-account queue,
 * with retries and crash recovery). Throws an AppError only for a delivery that was not stored (bad
 * signature: 401; verified but not an event: 400); it resolves as soon as the row is written, since
 * from then on the delivery cannot be lost and the sender's job is done.
 */
export function createWebhookReceiver(deps: Pick<AppDeps, 'config' | 'webhooks'>) {
  const secrets = deps.config.webhookSecrets;

  return async function receiveWebhook(rawBody: Uint8Array, signature: string | undefined): Promise<void> {
    if (secrets.length === 0) {
      // Fail closed: with no secret nothing can be verified, so nothing is accepted.
      throw new AppError(
        'invalid_signature',
        'Webhook secrets are not configured (STACKONE_WEBHOOK_SECRETS): every delivery is refused',
      );
    }
    if (!signature) throw new AppError('invalid_signature', 'Missing x-stackone-signature header');
    if (!verifySignature(rawBody, signature, secrets)) {
      throw new AppError('invalid_signature', 'x-stackone-signature does not match any configured secret');
    }

    // A signed body that is not an event is a sender bug: nothing could be applied or shown, so it is
    // refused with 400 and not stored; the sender's delivery log is where its owner will see it.
    const parsed = parseWebhookPayload(rawBody);
    if (!parsed.ok) throw new AppError('bad_request', parsed.reason);

    await deps.webhooks.accept(rawBody, parsed.payload);
  };
}
