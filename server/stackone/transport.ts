import type { z } from 'zod';
import { AppError } from '../http/app-error.ts';
import { nodeFetch, type UpstreamFetch, type UpstreamResponse } from './node-fetch.ts';
import { UpstreamErrorBodySchema } from './upstream-schemas.ts';

export interface TransportOptions {
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
  /** Attempts for idempotent calls (1 = no retry). */
  maxAttempts?: number;
  /** Upper bound for a `Retry-After` wait; a longer one is reported, not waited for. */
  maxRetryAfterMs?: number;
  baseDelayMs?: number;
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
   * What a retry answers when it finds the resource gone (404) after an attempt whose outcome is
   * unknown (no answer, or a 5xx from a proxy): that attempt did the work. For DELETE.
   */
  goneOnRetry?: () => z.output<T>;
}

const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 5_000;
  const baseDelayMs = options.baseDelayMs ?? 200;
  const authorization = `Basic ${Buffer.from(`${options.apiKey}:`).toString('base64')}`;

  return async function request<T extends z.ZodType>(req: UpstreamRequest<T>): Promise<z.output<T>> {
    const url = buildUrl(options.baseUrl, req.path, req.query);
    const attempts = req.idempotent ? maxAttempts : 1;
    const what = `${req.method} ${req.path}`;
    const startedAt = performance.now();
    /** An earlier attempt may have been carried out upstream though its answer never came. */
    let mayHaveApplied = false;
    for (let attempt = 1; ; attempt++) {
      let response: UpstreamResponse;
      try {
        response = await doFetch(url, {
          method: req.method,
          headers: {
            authorization,
            accept: 'application/json',
            'user-agent': 'switchboard/0.1',
            ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          body: req.body !== undefined ? JSON.stringify(req.body) : undefined,
          signal: AbortSignal.timeout(options.timeoutMs),
        });
      } catch (err) {
        const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
        mayHaveApplied = true;
        if (attempt < attempts) {
          await sleep(backoff(attempt));
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

      if (response.status === 404 && mayHaveApplied && req.goneOnRetry) {
        await response.text().catch(() => '');
        return req.goneOnRetry();
      }
      if (response.status >= 500) mayHaveApplied = true;
      if (RETRYABLE_STATUS.has(response.status) && attempt < attempts) {
        const wait = response.status === 429 ? retryAfterMs(response.headers.get('retry-after')) : null;
        if (wait === null || wait <= maxRetryAfterMs) {
          await response.text().catch(() => '');
          await sleep(wait ?? backoff(attempt));
          continue;
        }
      }
      throw await toAppError(response, what, requestId);
    }
  };

  function backoff(attempt: number) {
    return baseDelayMs * 2 ** (attempt - 1) + Math.random() * baseDelayMs;
  }
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
