import { randomUUID } from 'node:crypto';
import type { SandboxOptions } from '../config.ts';
import type { SandboxDialects } from '../dialects.ts';
import type { AccountEvent, WebhookDelivery } from '../model.ts';
import type { SandboxStore } from '../state/store.ts';
import { accountEventPayload, bareAccountEventPayload } from './account-event-payload.ts';
import { DeliveryLog, type DeliveryFilter } from './delivery-log.ts';
import { DeliveryQueue, type RunOutcome } from './delivery-queue.ts';
import { postWebhook } from './post-webhook.ts';
import { signPayload } from './sign-payload.ts';
import { newWebhookSecret } from './webhook-secret.ts';

// Emulator policy, not StackOne fact: StackOne documents no retry count, backoff or timeout.
export const DEFAULT_RETRY_DELAYS_MS = [1_000, 5_000, 30_000];
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;
export const WEBHOOK_CONCURRENCY = 4;

export interface WebhookEndpoint {
  url: string;
  secret: string;
  /** `config`: from the sandbox's options (SANDBOX_WEBHOOK_URL); `runtime`: added through the control API. */
  source: 'config' | 'runtime';
  created_at: string;
}

interface Job {
  /** The account id: one account's deliveries to one endpoint go out in order. */
  key: string;
  event: AccountEvent;
  delivery: WebhookDelivery;
  /** `bare-webhooks` was on when the account changed (the body is built later, at the first attempt). */
  bare: boolean;
}

interface Target {
  endpoint: WebhookEndpoint;
  queue: DeliveryQueue<Job>;
}

/**
 * Turns every account event of the store into one signed POST per endpoint, retried with backoff,
 * and records each delivery and its attempts in `store.deliveries`.
 */
export class WebhookSender {
  /** Secret of the configured URLs: the configured one, or one generated here when URLs come without it. */
  readonly defaultSecret: string | null;
  readonly secretGenerated: boolean;
  readonly policy: { retryDelaysMs: number[]; timeoutMs: number; concurrency: number };
  private readonly targets = new Map<string, Target>();
  private readonly log: DeliveryLog;
  private readonly stopping = new AbortController();
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly store: SandboxStore,
    options: SandboxOptions,
    private readonly dialects: SandboxDialects,
  ) {
    this.secretGenerated = !options.webhookSecret && options.webhookUrls.length > 0;
    this.defaultSecret = options.webhookSecret || (this.secretGenerated ? newWebhookSecret() : null);
    this.policy = {
      retryDelaysMs: [...(options.webhookRetryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS)],
      timeoutMs: options.webhookTimeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS,
      concurrency: WEBHOOK_CONCURRENCY,
    };
    this.log = new DeliveryLog(store.deliveries);
    for (const url of options.webhookUrls) this.register(url, this.defaultSecret!, 'config');
  }

  start(): void {
    this.unsubscribe ??= this.store.onAccountEvent((event) => this.dispatch(event));
  }

  /** Final: stops listening, cancels retry timers and aborts requests in flight. */
  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.stopping.abort();
    for (const target of this.targets.values()) target.queue.close();
  }

  // ---- endpoints -----------------------------------------------------------------------------

  listEndpoints(): WebhookEndpoint[] {
    return [...this.targets.values()].map((t) => ({ ...t.endpoint }));
  }

  /** Adds an endpoint, or gives a known URL a new secret (used from its next delivery on). */
  addEndpoint(url: string, secret?: string): { endpoint: WebhookEndpoint; created: boolean } {
    return this.register(url, secret ?? newWebhookSecret(), 'runtime');
  }

  /** Removes an endpoint; its queued deliveries and pending retries end as `failed`. */
  removeEndpoint(url: string): boolean {
    const target = this.targets.get(url);
    if (!target) return false;
    this.targets.delete(url);
    target.queue.close();
    return true;
  }

  removeAllEndpoints(): number {
    const urls = [...this.targets.keys()];
    for (const url of urls) this.removeEndpoint(url);
    return urls.length;
  }

  // ---- delivery log --------------------------------------------------------------------------

  deliveries(filter: DeliveryFilter): { data: WebhookDelivery[]; total: number } {
    return this.log.query(filter);
  }

  deliveryCounts() {
    return this.log.counts();
  }

  // ---- internals -----------------------------------------------------------------------------

  private register(url: string, secret: string, source: WebhookEndpoint['source']) {
    const known = this.targets.get(url);
    if (known) {
      known.endpoint.secret = secret;
      return { endpoint: { ...known.endpoint }, created: false };
    }
    const endpoint: WebhookEndpoint = { url, secret, source, created_at: new Date().toISOString() };
    const queue: DeliveryQueue<Job> = new DeliveryQueue({
      concurrency: this.policy.concurrency,
      run: (job) => this.attempt(endpoint, job),
      drop: (job) => {
        if (job.delivery.state === 'pending') job.delivery.state = 'failed';
      },
    });
    this.targets.set(url, { endpoint, queue });
    return { endpoint: { ...endpoint }, created: true };
  }

  private dispatch(event: AccountEvent): void {
    const bare = this.dialects.has('bare-webhooks');
    for (const { endpoint, queue } of this.targets.values()) {
      const delivery: WebhookDelivery = {
        id: `whd_${randomUUID()}`,
        url: endpoint.url,
        event: event.event,
        account_id: event.account.id,
        // Filled in at the first attempt, which is what `sent_at` in the body stands for.
        body: '',
        signature: '',
        attempts: [],
        state: 'pending',
        created_at: new Date().toISOString(),
      };
      this.log.add(delivery);
      queue.push({ key: event.account.id, event, delivery, bare });
    }
  }

  private async attempt(endpoint: WebhookEndpoint, { event, delivery, bare }: Job): Promise<RunOutcome> {
    try {
      // The body is built and signed once, so every retry resends the same bytes: receivers can
      // deduplicate on a hash of the body (StackOne documents no event id).
      if (!delivery.body) {
        const payload = bare ? bareAccountEventPayload(event) : accountEventPayload(event, new Date());
        delivery.body = JSON.stringify(payload);
        delivery.signature = signPayload(delivery.body, endpoint.secret);
      }
      const { ok, ...attempt } = await postWebhook(endpoint.url, delivery.body, delivery.signature, {
        timeoutMs: this.policy.timeoutMs,
        signal: this.stopping.signal,
      });
      delivery.attempts.push(attempt);
      if (ok) {
        delivery.state = 'delivered';
        return null;
      }
      const delay = this.policy.retryDelaysMs[delivery.attempts.length - 1];
      if (delay === undefined) {
        delivery.state = 'failed';
        return null;
      }
      return delay;
    } catch (err) {
      console.error('[sandbox] webhook delivery', delivery.id, err);
      delivery.state = 'failed';
      return null;
    }
  }
}
