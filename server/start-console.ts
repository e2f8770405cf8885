import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createAccountReads } from './accounts/account-reads.ts';
import { createAccountSync } from './accounts-index/account-sync.ts';
import { createAlerts, DEFAULT_ALERT_OPTIONS, type AlertOptions } from './alerts/alerts.ts';
import { createApp } from './app.ts';
import { resolveAuthSecret } from './auth/auth-secret.ts';
import { createAuth } from './auth/create-auth.ts';
import { ensureInitialAdmin } from './auth/initial-admin.ts';
import { SignInLimiter } from './auth/sign-in-limiter.ts';
import type { AppDeps } from './app-deps.ts';
import type { Config } from './config/config.ts';
import { createConnectorsCache } from './connectors/connectors-cache.ts';
import { openDatabase, type DatabaseConfig } from './db/client.ts';
import type { DataDirLock } from './db/data-dir-lock.ts';
import { createEventBus } from './events/event-bus.ts';
import { createLinkService, type LinkServiceOptions } from './links/link-service.ts';
import { createStackOneClient } from './stackone/stackone-client.ts';
import {
  createWebhookDeliveries,
  DEFAULT_WEBHOOK_QUEUE_OPTIONS,
  type WebhookQueueOptions,
} from './webhooks/webhook-deliveries.ts';

export interface RunningConsole {
  url: string;
  port: number;
  deps: AppDeps;
  close(): Promise<void>;
}

export interface StartConsoleOptions {
  /** Overrides config.database (tests use `{ kind: 'memory' }`). */
  database?: DatabaseConfig;
  spaDir?: string;
  /** false: `/accounts` is the plain SPA shell, without its first rows drawn (for A/B benchmarks). */
  firstPaint?: boolean;
  /** Skip the start-up sync and the schedule (tests drive sync themselves). */
  autoSync?: boolean;
  /** DATA_DIR as locked by the entry point; without it, opening PGlite's folder locks it. */
  dataDirLock?: DataDirLock;
  /** Retry policy and claim lease of the webhook queue (tests shorten them). */
  webhookQueue?: Partial<WebhookQueueOptions>;
  /** Retry policy, lease and tick of the alerts (tests shorten them). */
  alerts?: Partial<AlertOptions>;
  /** Bulk jobs' pace and lease, and the links' settle tick (tests shorten them). */
  links?: LinkServiceOptions;
}

/** Opens the database, wires the app, listens, and starts the sync. */
export async function startConsole(
  config: Readonly<Config>,
  options: StartConsoleOptions = {},
): Promise<RunningConsole> {
  const databaseConfig = options.database ?? config.database;
  const database = await openDatabase(databaseConfig, { dataDirLock: options.dataDirLock });
  const auth = createAuth(config, database.db, resolveAuthSecret(config, databaseConfig));
  await ensureInitialAdmin(config, auth, database);
  const stackOne = createStackOneClient({
    baseUrl: config.stackOne.baseUrl,
    apiKey: config.stackOne.apiKey,
    timeoutMs: config.stackOne.timeoutMs,
    maxRetryAfterMs: config.stackOne.retryAfterMaxSeconds * 1000,
    userReadsPerMinute: config.stackOne.userReadsPerMinute,
  });
  const bus = await createEventBus(database);
  const sync = createAccountSync({
    database,
    stackOne,
    bus,
    intervalSeconds: config.syncIntervalSeconds,
    retryAfterMaxSeconds: config.stackOne.retryAfterMaxSeconds,
  });
  const accountReads = createAccountReads(bus);
  const webhooks = createWebhookDeliveries(
    { database, stackOne, bus, accountReads },
    { ...DEFAULT_WEBHOOK_QUEUE_OPTIONS, ...options.webhookQueue },
  );
  const alerts = createAlerts({ database, config }, { ...DEFAULT_ALERT_OPTIONS, ...options.alerts });
  const deps: AppDeps = {
    config,
    database,
    stackOne,
    bus,
    sync,
    connectors: createConnectorsCache(stackOne),
    auth,
    signInLimiter: new SignInLimiter(),
    accountReads,
    webhooks,
    links: createLinkService({ database, bus, stackOne, publicUrl: config.publicUrl }, options.links),
    alerts,
  };
  const app = createApp(deps, { spaDir: options.spaDir, firstPaint: options.firstPaint });
  // Deliveries a previous run stored but did not apply (a crash after the 200) are queued again.
  await webhooks.start();
  // Jobs a previous run left are resumed; changes missed while down are settled.
  await deps.links.start();

  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.port }, () => resolve(s));
    s.once('error', reject);
  }).catch(async (err: unknown) => {
    // The port is taken: what started above is closed again, so the caller may try another port.
    stackOne.close();
    await deps.links.close();
    await webhooks.close();
    await alerts.close();
    await bus.close();
    await database.close();
    throw err;
  });
  const port = (server.address() as AddressInfo).port;
  if (options.autoSync !== false) sync.start();
  // Deliveries left pending by a previous run are in the database: the first tick sends them.
  alerts.start();

  return {
    url: `http://localhost:${port}`,
    port,
    deps,
    close: async () => {
      // The sync stops at its next step; closing the client ends a Retry-After wait inside it at once
      // (and any other StackOne call: webhook re-reads fail retryably and stay pending).
      const syncStopped = sync.stop();
      // Before the client closes: a bulk job's call cut short stays pending (for the next start), not failed.
      const linksStopped = deps.links.close();
      stackOne.close();
      await syncStopped;
      await linksStopped;
      // Reads in progress finish; deliveries still queued stay pending in the database for the next start.
      await webhooks.close();
      // A send in progress finishes; what is still pending stays in the database.
      await alerts.close();
      // The bus first: it ends the open SSE streams, which server.close() would otherwise wait for.
      await bus.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
    },
  };
}
