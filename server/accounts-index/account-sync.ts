import type { SyncStatus } from '../../shared/schemas/account-filters.ts';
import type { Database } from '../db/client.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { StackOneClient } from '../stackone/stackone-client.ts';

export interface AccountSyncDeps {
  database: Database;
  stackOne: StackOneClient;
  bus: EventBus;
  intervalSeconds: number;
}

export interface AccountSync {
  /** Pages through StackOne `GET /accounts`, upserts, marks vanished accounts deleted. */
  runFull(): Promise<SyncStatus>;
  status(): SyncStatus;
  /** Time the last successful full sync finished, from the database (shared by every process). */
  syncedAt(): Promise<string | null>;
  /** Runs a sync now and then every intervalSeconds (0: only now). */
  start(): void;
  stop(): Promise<void>;
}

/** STUB — replaced by the real sync. */
export function createAccountSync(_deps: AccountSyncDeps): AccountSync {
  const status: SyncStatus = {
    state: 'idle',
    seen: 0,
    pages: 0,
    startedAt: null,
    finishedAt: null,
    error: null,
  };
  return {
    runFull: async () => status,
    status: () => status,
    syncedAt: async () => null,
    start: () => {},
    stop: async () => {},
  };
}
