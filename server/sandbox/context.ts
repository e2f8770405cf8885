import type { SandboxOptions } from './config.ts';
import type { SandboxDialects } from './dialects.ts';
import type { FaultInjector } from './http/faults.ts';
import type { SandboxStore } from './state/store.ts';
import type { WebhookSender } from './webhooks/webhook-sender.ts';

/** What every sandbox route module is given. */
export interface SandboxContext {
  store: SandboxStore;
  options: SandboxOptions & { publicUrl: string };
  faults: FaultInjector;
  webhooks: WebhookSender;
  /** The deviations from the default behaviour currently on: `ctx.dialects.has('envelope')`. */
  dialects: SandboxDialects;
  /** Reloads the seed the sandbox started with (control API reset). */
  reset(): void;
}
