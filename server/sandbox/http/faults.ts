import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler, Next } from 'hono';
import { z } from 'zod';
import type { SandboxDialects } from '../dialects.ts';
import { defaultMessage, stackOneError } from './stackone-error.ts';

export const FaultRuleInputSchema = z
  .object({
    /** Path prefix the rule applies to (e.g. `/accounts`); absent means every path. */
    path: z.string().startsWith('/').optional(),
    method: z.enum(['GET', 'POST', 'PATCH', 'DELETE']).optional(),
    /** Added delay before answering, in ms. */
    latencyMs: z.number().int().min(0).max(120_000).optional(),
    /** Status to answer instead of the real response. */
    status: z
      .union([z.literal(408), z.literal(429), z.literal(500), z.literal(502), z.literal(503)])
      .optional(),
    /** Share of matching requests that get `status` (0..1, default 1). */
    rate: z.number().min(0).max(1).default(1),
    /** `Retry-After` seconds sent with 408/429. */
    retryAfter: z.number().int().min(0).max(3600).default(1),
    /** Remove the rule after it has fired this many times. */
    times: z.number().int().min(1).optional(),
  })
  .refine((r) => r.latencyMs !== undefined || r.status !== undefined, 'give latencyMs, status or both');

/** `Retry-After` of the rate limit under the `slow-429` dialect (the value in StackOne's docs). */
export const SLOW_RETRY_AFTER_SECONDS = 60;

export type FaultRuleInput = z.input<typeof FaultRuleInputSchema>;
export type FaultRule = z.output<typeof FaultRuleInputSchema> & { id: string; fired: number };

/** Latency and error injection plus the per-key rate limit of the platform API. */
export class FaultInjector {
  private rules: FaultRule[] = [];
  private window = { start: 0, counts: new Map<string, number>() };
  rateLimitPerMinute: number;
  private retryAfterSeconds: number | undefined;
  private readonly initialRateLimitPerMinute: number;
  private readonly dialects: SandboxDialects;

  constructor(options: { rateLimitPerMinute: number; dialects: SandboxDialects }) {
    this.rateLimitPerMinute = this.initialRateLimitPerMinute = options.rateLimitPerMinute;
    this.dialects = options.dialects;
  }

  /**
   * Sets the limit (the one the sandbox started with when absent) and, optionally, a fixed
   * `Retry-After` for its 429s; starts a fresh window.
   */
  setRateLimit(perMinute: number = this.initialRateLimitPerMinute, retryAfterSeconds?: number): void {
    this.rateLimitPerMinute = perMinute;
    this.retryAfterSeconds = retryAfterSeconds;
    this.window = { start: 0, counts: new Map() };
  }

  rateLimitState(): { perMinute: number; retryAfter?: number } {
    return { perMinute: this.rateLimitPerMinute, retryAfter: this.retryAfterSeconds };
  }

  list(): readonly FaultRule[] {
    return this.rules;
  }

  add(input: z.output<typeof FaultRuleInputSchema>): FaultRule {
    const rule: FaultRule = { ...input, id: `fault_${randomUUID().slice(0, 8)}`, fired: 0 };
    this.rules.push(rule);
    return rule;
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length < before;
  }

  clear(): void {
    this.rules = [];
    this.window.counts.clear();
  }

  middleware = async (c: Context, next: Next) => {
    const rule = this.rules.find(
      (r) => (!r.path || c.req.path.startsWith(r.path)) && (!r.method || r.method === c.req.method),
    );
    if (!rule || c.req.method === 'OPTIONS') return next();
    rule.fired++;
    if (rule.times !== undefined && rule.fired >= rule.times) this.remove(rule.id);
    if (rule.latencyMs) await new Promise((resolve) => setTimeout(resolve, rule.latencyMs));
    if (rule.status && Math.random() < rule.rate) {
      const headers: Record<string, string> =
        rule.status === 429 || rule.status === 408 ? { 'retry-after': String(rule.retryAfter) } : {};
      return stackOneError(c, rule.status, defaultMessage[rule.status] ?? 'Error', {}, headers);
    }
    return next();
  };

  /** Fixed one-minute window per key, like StackOne's 1000 requests a minute. */
  rateLimit: MiddlewareHandler = async (c, next) => {
    const now = Date.now();
    if (now - this.window.start >= 60_000) this.window = { start: now, counts: new Map() };
    const key = c.req.header('authorization') ?? '';
    const count = (this.window.counts.get(key) ?? 0) + 1;
    this.window.counts.set(key, count);
    if (count > this.rateLimitPerMinute) {
      // `slow-429`: StackOne's docs show a flat 60 s, whatever is left of the window.
      const retryAfter =
        this.retryAfterSeconds ??
        (this.dialects.has('slow-429')
          ? SLOW_RETRY_AFTER_SECONDS
          : Math.max(1, Math.ceil((this.window.start + 60_000 - now) / 1000)));
      return stackOneError(c, 429, 'Too Many Requests', {}, { 'retry-after': String(retryAfter) });
    }
    await next();
  };
}
