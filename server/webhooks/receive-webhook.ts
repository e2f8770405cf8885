import type { AppDeps } from '../app-deps.ts';
import { AppError } from '../http/app-error.ts';
import { createWebhookApplier } from './apply-webhook-event.ts';
import { createWebhookEventStore } from './store-webhook-event.ts';
import { verifySignature } from './verify-signature.ts';
import { parseWebhookPayload } from './webhook-payload.ts';

/**
 * Verify → store → apply → publish. Throws an AppError only for a delivery that was not stored
 * (bad signature: 401; verified but not an event: 400); once stored, it resolves, whatever applying
 * did, because the sender's job is done: the row holds the event and the next sync reconciles.
 */
export function createWebhookReceiver(
  deps: Pick<AppDeps, 'config' | 'database' | 'stackOne' | 'bus' | 'accountReads'>,
) {
  const { db } = deps.database;
  const secrets = deps.config.webhookSecrets;
  const events = createWebhookEventStore(db);
  const apply = createWebhookApplier({ db, stackOne: deps.stackOne });

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

    const id = await events.store(rawBody, parsed.payload);
    if (id === null) return;

    const result = await apply(parsed.payload);
    await events.recordOutcome(id, result.outcome, result.outcome === 'failed' ? result.error : null);
    // The stored event is on the account's timeline, whatever applying it did to the row.
    if (parsed.payload.account_id) await deps.accountReads.touch(parsed.payload.account_id);
    if (result.outcome === 'failed') {
      console.warn(
        `[webhooks] event ${id} (${parsed.payload.event}) stored but not applied: ${result.error}`,
      );
      return;
    }
    if (result.outcome === 'applied') {
      await deps.bus.publish({
        type: 'account.changed',
        accountId: result.accountId,
        change: result.change,
        status: result.status,
        at: new Date().toISOString(),
      });
    }
  };
}
