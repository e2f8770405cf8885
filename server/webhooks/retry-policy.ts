import { AppError } from '../http/app-error.ts';

/** How a webhook delivery whose apply failed is tried again. */
export interface RetryPolicy {
  /** The first retry waits this long, each next one twice as long, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Attempts of one delivery before it is given up as `failed` (its error kept). */
  maxAttempts: number;
}

/**
 * 1 s, 2 s, 4 s … 60 s, ten attempts: about four minutes, more than StackOne's one-minute rate-limit
 * window, so a burst that met the limit is applied once the window turns.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseDelayMs: 1_000, maxDelayMs: 60_000, maxAttempts: 10 };

/** The wait before the next attempt after `failures` consecutive failed ones (1 or more). */
export const retryDelayMs = (policy: RetryPolicy, failures: number): number =>
  Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failures - 1));

/**
 * Whether an apply failure may pass by itself: StackOne rate limiting (429), failing (5xx) or not
 * answering, or the database. A 4xx other than 429 (a refused key, a bad request) or an account the
 * index refuses would fail the same way again.
 */
export function isRetryable(err: unknown): boolean {
  if (err instanceof NotRetryableError) return false;
  if (!(err instanceof AppError)) return true;
  const status = err.options.upstream?.status ?? null;
  if (err.code === 'upstream_timeout' || err.code === 'upstream_unavailable' || err.code === 'rate_limited')
    return true;
  // No answer at all (network), or StackOne's own failure.
  if (err.code === 'upstream_error') return status === null || status >= 500;
  return false;
}

/** A failure that retrying cannot mend. */
export class NotRetryableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotRetryableError';
  }
}
