import type { AccountReads } from './accounts/account-reads.ts';
import type { Alerts } from './alerts/alerts.ts';
import type { AccountSync } from './accounts-index/account-sync.ts';
import type { Auth } from './auth/create-auth.ts';
import type { SignInLimiter } from './auth/sign-in-limiter.ts';
import type { Config } from './config/config.ts';
import type { ConnectorsCache } from './connectors/connectors-cache.ts';
import type { Database } from './db/client.ts';
import type { EventBus } from './events/event-bus.ts';
import type { LinkService } from './links/link-service.ts';
import type { StackOneClient } from './stackone/stackone-client.ts';
import type { WebhookDeliveries } from './webhooks/webhook-deliveries.ts';

/** Everything the HTTP app needs, built once by the entry point (or a test). */
export interface AppDeps {
  config: Readonly<Config>;
  database: Database;
  stackOne: StackOneClient;
  bus: EventBus;
  sync: AccountSync;
  connectors: ConnectorsCache;
  auth: Auth;
  signInLimiter: SignInLimiter;
  accountReads: AccountReads;
  /** Stored webhook deliveries and the queue that applies them. */
  webhooks: WebhookDeliveries;
  /** The link ledger's background work: completion, expiry, bulk jobs. */
  links: LinkService;
  /** Alert rules and deliveries. */
  alerts: Alerts;
}
