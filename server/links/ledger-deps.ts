import type { Db } from '../db/client.ts';
import type { EventBus } from '../events/event-bus.ts';

/** What the ledger needs: the database, the bus its changes are published on, and PUBLIC_URL. */
export interface LedgerDeps {
  db: Db;
  bus: EventBus;
  publicUrl: string;
}
