import type { AccountChangedEvent } from '../../shared/schemas/events.ts';
import { markAccountDeleted, upsertAccounts } from '../accounts-index/upsert-accounts.ts';
import type { Db } from '../db/client.ts';
import { AppError } from '../http/app-error.ts';
import type { StackOneClient } from '../stackone/stackone-client.ts';
import type { UpstreamLinkedAccount } from '../stackone/upstream-schemas.ts';
import { createAccountOpQueue, type AccountOp } from './account-op-queue.ts';
import { createBatcher } from './batcher.ts';
import { createConcurrencyLimit } from './concurrency-limit.ts';
import type { WebhookPayload } from './webhook-payload.ts';

/** Upstream re-reads in flight at once per process, however many webhooks arrive together. */
export const UPSTREAM_READ_CONCURRENCY = 8;

type Change = AccountChangedEvent['change'];

const CHANGE_BY_EVENT: Record<string, Change> = {
  'account.created': 'created',
  'account.updated': 'updated',
  'account.deleted': 'deleted',
};

export type ApplyResult =
  | { outcome: 'applied'; accountId: string; change: Change; status: string | null }
  | { outcome: 'ignored' }
  | { outcome: 'failed'; error: string };

interface IndexChange {
  deleted: boolean;
  status: string | null;
}

/**
 * Applies a stored event to the account index. A created or updated account is re-read from
 * StackOne rather than taken from the payload: the payload carries only part of the account, and a
 * read made after the event arrived can only be as new or newer than the event.
 */
export function createWebhookApplier(deps: { db: Db; stackOne: StackOneClient }) {
  const { db, stackOne } = deps;
  const limit = createConcurrencyLimit(UPSTREAM_READ_CONCURRENCY);
  // The op queue runs one operation per account at a time, so a batch never holds an account twice.
  // Each account's result: whether the index refused it (then logged and skipped by upsertAccounts).
  const upsert = createBatcher(async (batch: UpstreamLinkedAccount[]) => {
    const skipped = new Set(await upsertAccounts(db, batch, { lastEventAt: new Date().toISOString() }));
    return batch.map((account) => skipped.has(account.id));
  }, 500);

  const markDeleted = async (accountId: string): Promise<IndexChange> => {
    await markAccountDeleted(db, accountId, new Date().toISOString());
    return { deleted: true, status: null };
  };

  const enqueue = createAccountOpQueue(async (accountId: string, op: AccountOp): Promise<IndexChange> => {
    if (op === 'delete') return markDeleted(accountId);
    try {
      const account = await limit(() => stackOne.getAccount(accountId));
      if (await upsert(account))
        throw new Error(`The index refused account ${accountId} (see the server log)`);
      return { deleted: false, status: account.status };
    } catch (err) {
      // Gone upstream by the time it was read: a later account.deleted is on its way.
      if (err instanceof AppError && err.code === 'not_found') return markDeleted(accountId);
      throw err;
    }
  });

  return async function applyWebhookEvent(payload: WebhookPayload): Promise<ApplyResult> {
    const change = CHANGE_BY_EVENT[payload.event];
    if (!change) return { outcome: 'ignored' };
    const accountId = payload.account_id;
    if (!accountId) return { outcome: 'failed', error: `${payload.event} without an account_id` };
    try {
      const result = await enqueue(accountId, change === 'deleted' ? 'delete' : 'refresh');
      return {
        outcome: 'applied',
        accountId,
        change: result.deleted ? 'deleted' : change,
        status: result.status,
      };
    } catch (err) {
      return { outcome: 'failed', error: err instanceof Error ? err.message : String(err) };
    }
  };
}
