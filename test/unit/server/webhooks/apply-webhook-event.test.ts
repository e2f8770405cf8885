import { describe, expect, it } from 'vitest';
import type { AccountReads } from '../../../../server/accounts/account-reads.ts';
import type { Db } from '../../../../server/db/client.ts';
import type { EventBus } from '../../../../server/events/event-bus.ts';
import { AppError } from '../../../../server/http/app-error.ts';
import type { StackOneClient } from '../../../../server/stackone/stackone-client.ts';
import {
  CREATED_NOT_FOUND_ATTEMPTS,
  createWebhookApplier,
} from '../../../../server/webhooks/apply-webhook-event.ts';
import type { QueuedDelivery } from '../../../../server/webhooks/account-refresh-queue.ts';
import type { WebhookEventStore } from '../../../../server/webhooks/store-webhook-event.ts';

/** An applier whose StackOne answers every read of an account 404; `read` touches nothing else. */
function notFoundApplier() {
  let reads = 0;
  const stackOne = {
    getAccount: async () => {
      reads++;
      throw new AppError('not_found', 'No such account');
    },
  } as unknown as StackOneClient;
  const applier = createWebhookApplier({
    db: {} as Db,
    stackOne,
    bus: {} as EventBus,
    accountReads: {} as AccountReads,
    store: {} as WebhookEventStore,
  });
  return { applier, reads: () => reads };
}

const delivery = (event: string, attempts: number): QueuedDelivery => ({
  id: 1,
  accountId: 'a',
  event,
  attempts,
});

describe('the webhook re-read of an account StackOne answers 404 for', () => {
  it('is retried for a just-created account, then taken as gone after its attempts', async () => {
    const { applier, reads } = notFoundApplier();
    for (let attempts = 0; attempts < CREATED_NOT_FOUND_ATTEMPTS - 1; attempts++) {
      const failure = await applier
        .read('a', [delivery('account.created', attempts)])
        .catch((err: unknown) => err);
      expect(failure).toBeInstanceOf(Error);
      // A failure the queue retries with its backoff.
      expect(applier.isRetryable(failure)).toBe(true);
    }
    await expect(
      applier.read('a', [delivery('account.created', CREATED_NOT_FOUND_ATTEMPTS - 1)]),
    ).resolves.toEqual({ account: null });
    expect(reads()).toBe(CREATED_NOT_FOUND_ATTEMPTS);
  });

  it('is taken as gone at once for an account that was not just created', async () => {
    const { applier } = notFoundApplier();
    await expect(applier.read('a', [delivery('account.updated', 0)])).resolves.toEqual({ account: null });
  });
});
