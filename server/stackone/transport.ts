import type { z } from 'zod';
import { AppError } from '../http/app-error.ts';
import { createCallScheduler, type CallPriority, type CallSchedulerOptions } from './call-scheduler.ts';
import { nodeFetch, type UpstreamFetch, type UpstreamResponse } from './node-fetch.ts';
import { UpstreamErrorBodySchema } from './upstream-schemas.ts';

export interface TransportOptions {
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
  /** Attempts for idempotent calls (1 = no retry). */
  maxAttempts?: number;
  /**
   * Upper bound for a background call's `Retry-After` wait (STACKONE_RETRY_AFTER_MAX_SECONDS); a
   * longer one is reported, not waited for. Interactive calls never wait for one.
   */
  maxRetryAfterMs?: number;
  /** How many times one background call waits out a 429 before it gives up. */
  maxRateLimitWaits?: number;
  baseDelayMs?: number;
  /** Calls in flight at once, and how many of them may be interactive. */
  concurrency?: CallSchedulerOptions;
  /** Tests answer calls themselves; a real `fetch` fits. */
  fetch?: UpstreamFetch;
}

export interface UpstreamRequest<T extends z.ZodType> {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | string[] | undefined>;
  body?: unknown;
  schema: T;
  /** Only idempotent calls are retried; `POST /connect_sessions` never is. */
  idempotent: boolean;
  /**
   * `background` (the default: sync, webhook re-reads) goes first and waits out StackOne's rate
   * limit; `interactive` (a user's live read or change) waits its turn and fails fast when limited.
   */
  priority?: CallPriority;
  /**
   * What a retry answers when it finds the resource gone (404) after an attempt whose outcome is
   * unknown (no answer, or a 5xx from a proxy): that attempt did the work. For DELETE.
   */
  goneOnRetry?: () => z.output<T>;
}

const RETRYABLE_STATUS = new Set([502, 503, 504]);

/** Sleeps `ms`, or rejects at once when `signal` aborts (the transport is closed) with its reason. */
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', aborted);
      resolve();
    }, ms);
    function aborted() {
      clearTimeout(timer);
      reject(signal.reason as Error);
    }
    signal.addEventListener('abort', aborted, { once: true });
  });

/** `03:04:05 UTC`: when a rate limit ends, as a message names it. */
const clock = (at: number) => `${new Date(at).toISOString().slice(11, 19)} UTC`;

/** "3 attempts of 10000 ms, 31 s in all": what the caller waited for, retries and back-off included. */
function effort(attempts: number, timeoutMs: number, startedAt: number): string {
  const seconds = (performance.now() - startedAt) / 1000;
  const total = seconds < 10 ? seconds.toFixed(1) : String(Math.round(seconds));
  return `${attempts} attempt${attempts === 1 ? '' : 's'} of ${timeoutMs} ms, ${total} s in all`;
}

function retryAfterMs(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

function buildUrl(baseUrl: string, path: string, query: UpstreamRequest<z.ZodType>['query']): string {
  const url = new URL(baseUrl + path);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(v));
  }
  return url.toString();
}

/**
 * The only place that performs HTTP to StackOne: timeouts, retries and error mapping. Error messages
 * carry the upstream status and message; the key is only ever in the Authorization header.
 */
export function createTransport(options: TransportOptions) {
  const doFetch = options.fetch ?? nodeFetch;
  const maxAttempts = options.maxAttempts ?? 3;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 120_000;
  const maxRateLimitWaits = options.maxRateLimitWaits ?? 5;
  const baseDelayMs = options.baseDelayMs ?? 200;
  // As many calls in flight as the connection pool holds (node-fetch.ts: 128 sockets), 32 of them kept
  // for the sync and webhooks. A lower cap queues users' reads behind each other: with 50 ms to
  // StackOne, 24 interactive slots capped a busy console at 480 reads/s.
  const scheduler = createCallScheduler(options.concurrency ?? { maxConcurrent: 128, maxInteractive: 96 });
  const authorization = `Basic ${Buffer.from(`${options.apiKey}:`).toString('base64')}`;

  /** Aborted by close(): every wait ends at once and no call starts, so a shutdown is not held up. */
  const closing = new AbortController();
  const closedError = (what: string) =>
    new AppError('upstream_unavailable', `The console is shutting down: ${what} was abandoned`, {
      upstream: { status: null, requestId: null },
    });

  /** Until when StackOne has asked the console to stop (epoch ms; 0: it has not). Shared by all calls. */
  let limitedUntil = 0;
  const listeners = new Set<(untilIso: string) => void>();

  function noteRateLimit(waitMs: number) {
    const until = Date.now() + waitMs;
    if (until <= limitedUntil) return;
    limitedUntil = until;
    const iso = new Date(until).toISOString();
    for (const listener of listeners) {
      try {
        listener(iso);
      } catch (err) {
        console.error('[stackone] a rate-limit listener failed', err);
      }
    }
  }

  function limitedError(what: string, requestId: string | null, extra = '') {
    const seconds = Math.max(1, Math.ceil((limitedUntil - Date.now()) / 1000));
    return new AppError(
      'rate_limited',
      `StackOne is rate limiting the console until ${clock(limitedUntil)}${extra}; try again in ${seconds} s (${what})`,
      { upstream: { status: 429, requestId }, retryAfterSeconds: seconds },
    );
  }

  /**
   * Before each attempt: while StackOne's limit lasts, an interactive call fails at once and a
   * background call waits it out, unless it lasts longer than the cap.
   */
  async function gate(priority: CallPriority, what: string) {
    for (;;) {
      const left = limitedUntil - Date.now();
      if (left <= 0) return;
      if (priority === 'interactive') throw limitedError(what, null);
      if (left > maxRetryAfterMs) {
        throw limitedError(
          what,
          null,
          `, longer than the console waits (STACKONE_RETRY_AFTER_MAX_SECONDS, ${Math.round(maxRetryAfterMs / 1000)} s)`,
        );
      }
      await sleep(left, closing.signal).catch(() => {
        throw closedError(what);
      });
    }
  }

  /**
   * A change (PATCH, DELETE, POST) whose earlier attempt may have been carried out upstream, then
   * refused a retry by the rate limit, did not fail: nobody knows whether it happened. It says so
   * (`outcome_unknown`, which the audit records) rather than "rate limited".
   */
  async function request<T extends z.ZodType>(req: UpstreamRequest<T>): Promise<z.output<T>> {
    const state = { mayHaveApplied: false };
    try {
      return await send(req, state);
    } catch (err) {
      if (
        state.mayHaveApplied &&
        req.method !== 'GET' &&
        err instanceof AppError &&
        err.code === 'rate_limited'
      ) {
        throw new AppError(
          'outcome_unknown',
          `StackOne did not answer ${req.method} ${req.path} and then rate limited the retry: whether the change was made is unknown; reload to see (${err.message})`,
          { upstream: err.options.upstream ?? { status: 429, requestId: null } },
        );
      }
      throw err;
    }
  }

  async function send<T extends z.ZodType>(
    req: UpstreamRequest<T>,
    state: { mayHaveApplied: boolean },
  ): Promise<z.output<T>> {
    const url = buildUrl(options.baseUrl, req.path, req.query);
    const attempts = req.idempotent ? maxAttempts : 1;
    const priority = req.priority ?? 'background';
    const what = `${req.method} ${req.path}`;
    const startedAt = performance.now();
    let rateLimitWaits = 0;
    const pause = (ms: number) =>
      sleep(ms, closing.signal).catch(() => {
        throw closedError(what);
      });
    for (let attempt = 1; ; attempt++) {
      if (closing.signal.aborted) throw closedError(what);
      await gate(priority, what);
      let response: UpstreamResponse;
      try {
        response = await scheduler.run(priority, () =>
          doFetch(url, {
            method: req.method,
            headers: {
              authorization,
              accept: 'application/json',
              'user-agent': 'switchboard/0.1',
              ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}),
            },
            body: req.body !== undefined ? JSON.stringify(req.body) : undefined,
            signal: AbortSignal.any([AbortSignal.timeout(options.timeoutMs), closing.signal]),
          }),
        );
      } catch (err) {
        if (closing.signal.aborted) throw closedError(what);
        const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
        state.mayHaveApplied = true;
        if (attempt < attempts) {
          await pause(backoff(attempt));
          continue;
        }
        throw timedOut
          ? new AppError(
              'upstream_timeout',
              `StackOne did not answer ${what} in time (${effort(attempt, options.timeoutMs, startedAt)})`,
              {
                upstream: { status: null, requestId: null },
              },
            )
          : new AppError(
              'upstream_unavailable',
              `StackOne is unreachable (${what}): ${(err as Error).message}`,
              {
                upstream: { status: null, requestId: null },
              },
            );
      }

      const requestId = response.headers.get('x-request-id');
      if (response.ok) {
        const json: unknown = await response.json().catch(() => undefined);
        const parsed = req.schema.safeParse(json);
        if (!parsed.success) {
          throw new AppError('upstream_error', `StackOne answered ${what} with an unexpected body`, {
            upstream: { status: response.status, requestId },
          });
        }
        return parsed.data;
      }

      if (response.status === 404 && state.mayHaveApplied && req.goneOnRetry) {
        await response.text().catch(() => '');
        return req.goneOnRetry();
      }
      if (response.status === 429) {
        const wait = retryAfterMs(response.headers.get('retry-after'));
        noteRateLimit(wait ?? backoff(rateLimitWaits + 1));
        const retry =
          priority === 'background' &&
          req.idempotent &&
          rateLimitWaits < maxRateLimitWaits &&
          limitedUntil - Date.now() <= maxRetryAfterMs;
        if (retry) {
          rateLimitWaits++;
          attempt--; // waiting out a rate limit is not a failed attempt
          await response.text().catch(() => '');
          continue;
        }
        if (wait !== null || priority === 'interactive') {
          const text = await response.text().catch(() => '');
          const capped =
            priority === 'background' && limitedUntil - Date.now() > maxRetryAfterMs
              ? `, longer than the console waits (STACKONE_RETRY_AFTER_MAX_SECONDS, ${Math.round(maxRetryAfterMs / 1000)} s)`
              : '';
          const err = limitedError(what, requestId, capped);
          if (text) err.cause = text.slice(0, 200);
          throw err;
        }
        throw await toAppError(response, what, requestId);
      }
      if (response.status >= 500) state.mayHaveApplied = true;
      if (RETRYABLE_STATUS.has(response.status) && attempt < attempts) {
        await response.text().catch(() => '');
        await pause(backoff(attempt));
        continue;
      }
      throw await toAppError(response, what, requestId);
    }
  }

  function backoff(attempt: number) {
    return baseDelayMs * 2 ** (attempt - 1) + Math.random() * baseDelayMs;
  }

  return Object.assign(request, {
    /**
     * Ends every wait (a Retry-After, a back-off) and call in flight at once with an error, and
     * refuses new calls: for a shutdown. Idempotent.
     */
    close(): void {
      closing.abort(new Error('closed'));
    },
    /** When StackOne's current rate limit ends (ISO), or null when it is not limiting the console. */
    rateLimitedUntil: (): string | null =>
      limitedUntil > Date.now() ? new Date(limitedUntil).toISOString() : null,
    /** Called with the new end (ISO) each time StackOne's limit starts or is pushed back; returns the unsubscribe. */
    onRateLimited(listener: (untilIso: string) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    scheduler,
  });
}

async function toAppError(
  response: UpstreamResponse,
  what: string,
  requestId: string | null,
): Promise<AppError> {
  const text = await response.text().catch(() => '');
  let upstreamMessage: string;
  try {
    upstreamMessage = UpstreamErrorBodySchema.parse(JSON.parse(text)).message ?? '';
  } catch {
    upstreamMessage = text.slice(0, 200);
  }
  const status = response.status;
  const upstream = { status, requestId };
  const detail = `StackOne answered ${status}${upstreamMessage ? `: ${upstreamMessage}` : ''} (${what})`;
  if (status === 404) return new AppError('not_found', detail, { upstream });
  if (status === 400 || status === 422 || status === 409)
    return new AppError(status === 409 ? 'conflict' : 'bad_request', detail, { upstream });
  if (status === 401 || status === 403)
    return new AppError('upstream_error', `StackOne refused the console's API key — ${detail}`, { upstream });
  if (status === 429)
    return new AppError('rate_limited', `StackOne is rate limiting — ${detail}`, { upstream });
  if (status === 503) return new AppError('upstream_unavailable', detail, { upstream });
  if (status === 504 || status === 408) return new AppError('upstream_timeout', detail, { upstream });
  return new AppError('upstream_error', detail, { upstream });
}

export type Transport = ReturnType<typeof createTransport>;
