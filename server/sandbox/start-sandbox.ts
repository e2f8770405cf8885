import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createSandboxApp } from './app.ts';
import { listenHostname, SANDBOX_DEFAULTS, type SandboxOptions } from './config.ts';
import type { SandboxContext } from './context.ts';
import { SandboxDialects } from './dialects.ts';
import { FaultInjector } from './http/faults.ts';
import { buildSeed } from './state/seed.ts';
import { SandboxStore } from './state/store.ts';
import { WebhookSender } from './webhooks/webhook-sender.ts';

// The console's only way into the sandbox is this module: the start function and what it starts with.
export { DEFAULT_SANDBOX_API_KEY, SANDBOX_DEFAULTS } from './config.ts';

export interface RunningSandbox {
  /** Base URL to use for the platform API and as the Hub's baseUrl. */
  url: string;
  apiKey: string;
  port: number;
  context: SandboxContext;
  seedMs: number;
  close(): Promise<void>;
}

/** Seeds and starts a sandbox. `port: 0` picks a free port (tests). */
export async function startSandbox(
  input: Partial<SandboxOptions> & Pick<SandboxOptions, 'apiKey'>,
): Promise<RunningSandbox> {
  const base: SandboxOptions = {
    port: SANDBOX_DEFAULTS.port,
    seed: SANDBOX_DEFAULTS.seed,
    accounts: SANDBOX_DEFAULTS.accounts,
    webhookUrls: [],
    ...input,
  };
  const t0 = performance.now();
  const seedOptions = { seed: base.seed, accounts: base.accounts };
  const store = new SandboxStore(buildSeed(seedOptions));
  const seedMs = performance.now() - t0;

  // The public URL may depend on the port that was picked, so the context is completed after listen.
  const options = { ...base, publicUrl: base.publicUrl ?? '' };
  const dialects = new SandboxDialects(base.dialects);
  const faults = new FaultInjector({
    rateLimitPerMinute: base.rateLimitPerMinute ?? SANDBOX_DEFAULTS.rateLimitPerMinute,
    dialects,
  });
  const webhooks = new WebhookSender(store, options, dialects);
  const context: SandboxContext = {
    store,
    options,
    faults,
    webhooks,
    dialects,
    reset: () => {
      store.load(buildSeed(seedOptions));
      faults.clear();
      dialects.reset();
    },
  };
  const app = createSandboxApp(context);

  const server = await new Promise<ServerType>((resolve, reject) => {
    const hostname = base.hostname ?? listenHostname(base.publicUrl);
    const s = serve({ fetch: app.fetch, port: base.port, hostname }, () => resolve(s));
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  if (!base.publicUrl) options.publicUrl = `http://localhost:${port}`;
  webhooks.start();

  return {
    url: options.publicUrl,
    apiKey: base.apiKey,
    port,
    context,
    seedMs,
    close: async () => {
      webhooks.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
