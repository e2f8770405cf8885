import type { SandboxOptions } from '../config.ts';
import type { SandboxStore } from '../state/store.ts';

/** STUB — replaced by signed webhook delivery with retries and a delivery log. */
export class WebhookSender {
  constructor(
    private readonly store: SandboxStore,
    private readonly options: SandboxOptions,
  ) {}
  start(): void {}
  stop(): void {}
}
