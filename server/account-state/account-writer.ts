import type { AccountChangedEvent } from '../../shared/schemas/events.ts';
import {
  markAccountDeleted,
  upsertAccounts,
  type UpsertStamp,
  type WriteSource,
} from '../accounts-index/upsert-accounts.ts';
import { markVanished } from '../accounts-index/mark-vanished.ts';
import type { Db } from '../db/client.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { UpstreamLinkedAccount } from '../stackone/upstream-schemas.ts';
import type { IncidentTransition } from './incident-transitions.ts';

/**
 * The only writer of account rows. Sync, webhooks, live detail reads and the console's own mutations
 * apply StackOne's state through it: it writes only what changed, records status transitions in
 * `account_status_history`, opens and resolves incidents (all in the transaction of the row), and
 * publishes `account.changed` / `incident.changed` for what it wrote — and nothing when nothing changed.
 */
export interface AccountWriterDeps {
  db: Db;
  /** Absent only where nothing listens (unit tests of the sync's parts). */
  bus?: EventBus;
}

/** What one write changed: the events it makes. */
export interface AccountWrites {
  accounts: Omit<AccountChangedEvent, 'type' | 'at'>[];
  /** Accounts whose status changed (a subset of `accounts`). */
  statusChanged: string[];
  incidents: IncidentTransition[];
  at: string;
}

export interface PublishOptions {
  /**
   * Publish now (default), or not: the caller publishes with publishWrites once its own records are
   * written (the webhook queue marks its deliveries applied first).
   */
  publish?: boolean;
  /**
   * A bulk writer (the sync) announces only status changes and incidents, and none at all above this
   * many in one write: its final `sync.progress` makes every browser reload instead.
   */
  bulkLimit?: number;
}

/** A sync page (or its deletions) announces at most this many changes one by one. */
export const BULK_ANNOUNCE_LIMIT = 100;

const now = () => new Date().toISOString();

const empty = (at: string): AccountWrites => ({ accounts: [], statusChanged: [], incidents: [], at });

/** Applies StackOne's accounts. Resolves with the ids the database refused and what was written. */
export async function writeUpstreamAccounts(
  deps: AccountWriterDeps,
  upstream: readonly UpstreamLinkedAccount[],
  stamp: UpsertStamp & PublishOptions,
): Promise<{ skipped: string[]; writes: AccountWrites }> {
  const at = now();
  const outcome = await upsertAccounts(deps.db, upstream, stamp);
  const writes: AccountWrites = {
    accounts: outcome.written.map((w) => ({
      accountId: w.id,
      change: w.inserted ? 'created' : 'updated',
      status: w.status,
    })),
    statusChanged: outcome.written
      .filter((w) => w.fromStatus !== null && w.fromStatus !== w.status)
      .map((w) => w.id),
    incidents: outcome.incidents,
    at,
  };
  if (stamp.publish !== false) await publishWrites(deps, writes, stamp);
  return { skipped: outcome.skipped, writes };
}

/** Marks one account deleted (StackOne answered 404, a webhook said so, or the console deleted it). */
export async function writeAccountDeleted(
  deps: AccountWriterDeps,
  accountId: string,
  source: WriteSource,
  options: PublishOptions = {},
): Promise<AccountWrites> {
  const at = now();
  const { deleted, incidents } = await markAccountDeleted(deps.db, accountId, at, source);
  const writes = deletionWrites(deleted, incidents, at);
  if (options.publish !== false) await publishWrites(deps, writes, options);
  return writes;
}

/** The sync's deletions: accounts StackOne confirmed gone, unless they changed during the run. */
export async function writeVanished(
  deps: AccountWriterDeps,
  ids: readonly string[],
  runStartedAt: string,
  options: PublishOptions = {},
): Promise<AccountWrites> {
  const at = now();
  const { deleted, incidents } = await markVanished(deps.db, ids, runStartedAt, at);
  const writes = deletionWrites(deleted, incidents, at);
  if (options.publish !== false) await publishWrites(deps, writes, options);
  return writes;
}

function deletionWrites(
  deleted: readonly { id: string }[],
  incidents: IncidentTransition[],
  at: string,
): AccountWrites {
  return {
    ...empty(at),
    accounts: deleted.map((d) => ({ accountId: d.id, change: 'deleted', status: null })),
    statusChanged: deleted.map((d) => d.id),
    incidents,
  };
}

/**
 * Publishes what a write changed. Events are a courtesy to open browsers (and the cache of other
 * processes): the write is committed, so a bus failure is logged, not thrown.
 */
export async function publishWrites(
  deps: AccountWriterDeps,
  writes: AccountWrites,
  options: Pick<PublishOptions, 'bulkLimit'> = {},
): Promise<void> {
  const { bus } = deps;
  if (!bus) return;
  let accounts = writes.accounts;
  let incidents = writes.incidents;
  if (options.bulkLimit !== undefined) {
    const changed = new Set(writes.statusChanged);
    accounts = accounts.filter((a) => changed.has(a.accountId));
    if (accounts.length + incidents.length > options.bulkLimit) {
      accounts = [];
      incidents = [];
    }
  }
  try {
    // account.changed also drops the account's cached page reads, here and in other processes.
    for (const a of accounts) await bus.publish({ type: 'account.changed', ...a, at: writes.at });
    for (const i of incidents)
      await bus.publish({
        type: 'incident.changed',
        incidentId: i.incidentId,
        accountId: i.accountId,
        change: i.change,
        state: i.state,
        at: writes.at,
      });
  } catch (err) {
    console.error('[accounts] could not publish a change', err);
  }
}
