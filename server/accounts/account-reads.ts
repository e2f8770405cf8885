import type { TimelineEntry } from '../../shared/schemas/account-detail.ts';
import type { AccountRow } from '../accounts-index/account-row.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { UpstreamAccountMeta } from '../stackone/upstream-schemas.ts';
import { AccountReadCache } from './account-read-cache.ts';

/** What the console itself holds of an account: its index row and its timeline. */
export interface LocalAccount {
  row: AccountRow;
  timeline: TimelineEntry[];
}

/**
 * The account page's reads that rarely change between two visits: the local copy (kept true by
 * invalidation on every write, here and, over the bus, in every other process) and StackOne's account
 * meta (which models the connector enables; kept a few minutes, dropped with the account's changes).
 */
export interface AccountReads {
  local: AccountReadCache<LocalAccount | null>;
  meta: AccountReadCache<UpstreamAccountMeta | null>;
  /**
   * Call after an account's row, webhook events or audit rows changed (once committed): its cached
   * reads are dropped here at once and in the other console processes on NOTIFY.
   */
  touch(accountId: string): Promise<void>;
}

export const ACCOUNT_READS_DEFAULTS = {
  localTtlMs: 30_000,
  metaTtlMs: 5 * 60_000,
  maxEntries: 10_000,
};

export function createAccountReads(bus: EventBus, options = ACCOUNT_READS_DEFAULTS): AccountReads {
  const channel = bus.internal;
  // Without the bus's cross-process channel, another process's writes would go unseen: keep nothing.
  const enabled = () => channel?.hearsOthers() ?? false;
  const local = new AccountReadCache<LocalAccount | null>({
    ttlMs: options.localTtlMs,
    maxEntries: options.maxEntries,
    enabled,
  });
  const meta = new AccountReadCache<UpstreamAccountMeta | null>({
    ttlMs: options.metaTtlMs,
    maxEntries: options.maxEntries,
    enabled,
  });
  const forget = (accountId: string) => {
    local.forget(accountId);
    meta.forget(accountId);
  };

  bus.subscribe((envelope) => {
    const event = envelope.event;
    if (event.type === 'account.changed') forget(event.accountId);
    // A sync rewrites rows in bulk without an event per account.
    else if (event.type === 'sync.progress') local.clear();
  });
  channel?.subscribe(
    (event) => {
      if (event.type === 'account.touched') forget(event.accountId);
    },
    () => {
      local.clear();
      meta.clear();
    },
  );

  return {
    local,
    meta,
    touch: async (accountId) => {
      forget(accountId);
      try {
        await channel?.publish({ type: 'account.touched', accountId });
      } catch (err) {
        // The write is committed; other processes keep the old copy until their entries expire.
        console.warn(
          `[accounts] announcing a change of account ${accountId} failed: ${(err as Error).message}`,
        );
      }
    },
  };
}
