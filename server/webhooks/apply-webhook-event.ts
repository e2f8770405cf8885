import type { AccountChangedEvent } from '../../shared/schemas/events.ts';
import type { AccountReads } from '../accounts/account-reads.ts';
import {
  publishWrites,
  writeAccountDeleted,
  writeUpstreamAccounts,
  type AccountWrites,
} from '../account-state/account-writer.ts';
import type { Db } from '../db/client.ts';
import type { EventBus } from '../events/event-bus.ts';
import { AppError } from '../http/app-error.ts';
import type { StackOneClient } from '../stackone/stackone-client.ts';
import type { UpstreamLinkedAccount } from '../stackone/upstream-schemas.ts';
import type { QueuedDelivery, RefreshHandlers } from './account-refresh-queue.ts';
import { createBatcher } from './batcher.ts';
import { isRetryable, NotRetryableError } from './retry-policy.ts';
import type { WebhookEventStore } from './store-webhook-event.ts';

/** Upstream re-reads in flight at once per process, however many webhooks arrive together. */
export const UPSTREAM_READ_CONCURRENCY = 8;

/** Reads of a just-created account that may answer 404 before it is taken as gone. */
export const CREATED_NOT_FOUND_ATTEMPTS = 3;

type Change = AccountChangedEvent['change'];

const CHANGE_BY_EVENT: Record<string, Change> = {
  'account.created': 'created',
  'account.updated': 'updated',
  'account.deleted': 'deleted',
};

/** The index change an event asks for, or undefined for an event the console does not apply. */
export const changeOfEvent = (event: string): Change | undefined =>
  Object.hasOwn(CHANGE_BY_EVENT, event) ? CHANGE_BY_EVENT[event] : undefined;

/** The account as read after the events, or null when it is gone. */
interface AccountRead {
  account: UpstreamLinkedAccount | null;
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Applies an account's queued deliveries to the index. A created or updated account is re-read from
 * StackOne rather than taken from the payload: the payload carries only part of the account (a bare
 * one, only `event` and `account_id`), and a read made after the event arrived can only be as new or
 * newer than the event. A deletion needs no read: it is final.
 */
export function createWebhookApplier(deps: {
  db: Db;
  stackOne: StackOneClient;
  bus: EventBus;
  accountReads: AccountReads;
  store: WebhookEventStore;
}): RefreshHandlers<AccountRead> {
  const { db, stackOne, bus, store } = deps;
  const writer = { db, bus };
  // One account is applied at a time, so a batch never holds an account twice. Each account's result:
  // what was written for it, or null when the index refused it (logged and skipped by the writer).
  // Nothing is published here: the deliveries are marked applied first.
  const upsert = createBatcher(async (batch: UpstreamLinkedAccount[]) => {
    const { skipped, writes } = await writeUpstreamAccounts(writer, batch, {
      lastEventAt: new Date().toISOString(),
      source: 'webhook',
      publish: false,
    });
    const refused = new Set(skipped);
    return batch.map((account): AccountWrites | null =>
      refused.has(account.id)
        ? null
        : {
            at: writes.at,
            accounts: writes.accounts.filter((a) => a.accountId === account.id),
            statusChanged: writes.statusChanged.filter((id) => id === account.id),
            incidents: writes.incidents.filter((i) => i.accountId === account.id),
          },
    );
  }, 500);

  const record = (
    deliveries: QueuedDelivery[],
    outcome: 'applied' | 'failed' | 'pending',
    error: string | null,
    nextAttemptAt: Date | null,
  ) =>
    Promise.all(
      deliveries.map((d) => store.update({ id: d.id, outcome, error, attempts: d.attempts, nextAttemptAt })),
    );

  return {
    async read(accountId, deliveries) {
      if (deliveries.some((d) => d.event === 'account.deleted')) return { account: null };
      try {
        return { account: await stackOne.getAccount(accountId) };
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'not_found') throw err;
        // Just created: StackOne's read may not show it yet, so a 404 is retried (with the queue's
        // backoff) a few times before it is believed.
        if (
          deliveries.some((d) => d.event === 'account.created' && d.attempts < CREATED_NOT_FOUND_ATTEMPTS - 1)
        )
          throw new Error(`Account ${accountId} not found yet after account.created (${err.message})`, {
            cause: err,
          });
        // Gone upstream by the time it was read: deleted (its account.deleted may follow).
        return { account: null };
      }
    },

    async apply(accountId, deliveries, { account }) {
      let writes: AccountWrites;
      if (account) {
        const written = await upsert(account);
        if (!written)
          throw new NotRetryableError(`The index refused account ${accountId} (see the server log)`);
        const created = deliveries.some((d) => d.event === 'account.created');
        writes = {
          ...written,
          accounts: written.accounts.map((a) => ({ ...a, change: created ? 'created' : 'updated' })),
        };
      } else {
        writes = await writeAccountDeleted(writer, accountId, 'webhook', { publish: false });
        // Already marked deleted: the deliveries' state still changed the timeline.
        if (!writes.accounts.length) writes.accounts.push({ accountId, change: 'deleted', status: null });
      }
      await record(deliveries, 'applied', null, null);
      await publishWrites(writer, writes);
    },

    isRetryable,

    async failed(deliveries, err, retryAt) {
      const accountId = deliveries[0]!.accountId;
      const error = messageOf(err);
      await record(deliveries, retryAt ? 'pending' : 'failed', error, retryAt);
      // The timeline shows the deliveries' state.
      await deps.accountReads.touch(accountId);
      const ids = deliveries.map((d) => d.id).join(', ');
      console.warn(
        retryAt
          ? `[webhooks] events ${ids} of account ${accountId} not applied yet, retried at ${retryAt.toISOString()}: ${error}`
          : `[webhooks] events ${ids} of account ${accountId} given up after ${deliveries[0]!.attempts} attempt(s): ${error}`,
      );
    },
  };
}
