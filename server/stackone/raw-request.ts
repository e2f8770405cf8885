import { nodeFetch, type UpstreamFetch } from './node-fetch.ts';
import { UpstreamErrorBodySchema } from './upstream-schemas.ts';

export interface RawRequestOptions {
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
  fetch?: UpstreamFetch;
}

export interface RawRequest {
  method: 'GET' | 'PATCH';
  path: string;
  /** Keys are sent as written (`filter[account_ids]` stays bracketed). */
  query?: Record<string, string | number>;
  body?: unknown;
}

/** StackOne's answer as it came: no schema, no retry. */
export interface RawAnswer {
  kind: 'answer';
  status: number;
  /** The parsed JSON body (undefined when the body is not JSON). */
  body: unknown;
  /** StackOne's error message, or the start of a non-JSON body. */
  message: string;
  /** The HTTP `Date` header. */
  date: string | null;
  /** Local clock (ms) halfway between sending and the answer: what `date` is compared with. */
  localMidpointMs: number;
}

/** No answer at all: refused connection, DNS, TLS, timeout. */
export interface RawUnreachable {
  kind: 'unreachable';
  timedOut: boolean;
  message: string;
}

export type RawOutcome = RawAnswer | RawUnreachable;

/**
 * One StackOne call, answered as it came, for `npm run doctor`, which needs the raw shapes that the
 * typed client hides (a bare array or an envelope, a 400 or a clamped page). Never throws, never
 * retries; the key is only in the Authorization header, as in the transport.
 */
export function createRawStackOne(options: RawRequestOptions) {
  const doFetch = options.fetch ?? nodeFetch;
  const authorization = `Basic ${Buffer.from(`${options.apiKey}:`).toString('base64')}`;
  return async function raw(req: RawRequest): Promise<RawOutcome> {
    const url = new URL(options.baseUrl + req.path);
    for (const [key, value] of Object.entries(req.query ?? {})) url.searchParams.append(key, String(value));
    const sentAt = Date.now();
    try {
      const response = await doFetch(url.toString(), {
        method: req.method,
        headers: {
          authorization,
          accept: 'application/json',
          'user-agent': 'switchboard-doctor/0.1',
          ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: req.body !== undefined ? JSON.stringify(req.body) : undefined,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      const localMidpointMs = (sentAt + Date.now()) / 2;
      const text = await response.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      const parsedError = UpstreamErrorBodySchema.safeParse(body);
      const message = parsedError.success ? (parsedError.data.message ?? '') : text.slice(0, 200);
      return {
        kind: 'answer',
        status: response.status,
        body,
        message,
        date: response.headers.get('date'),
        localMidpointMs,
      };
    } catch (err) {
      const e = err as Error;
      const timedOut = e.name === 'TimeoutError' || e.name === 'AbortError';
      // A refused connection to a name with several addresses is an AggregateError with no message.
      const code = (e as { code?: string }).code;
      return {
        kind: 'unreachable',
        timedOut,
        message: timedOut ? `no answer within ${options.timeoutMs} ms` : e.message || code || String(err),
      };
    }
  };
}

export type RawStackOne = ReturnType<typeof createRawStackOne>;
