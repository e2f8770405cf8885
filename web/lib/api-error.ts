import { ApiErrorBodySchema } from '../../shared/schemas/errors.ts';

export interface UpstreamInfo {
  status: number | null;
  requestId: string | null;
}

interface ApiErrorInit {
  status: number;
  code: string;
  message: string;
  fields?: Record<string, string>;
  upstream?: UpstreamInfo;
  retryAfterSeconds?: number;
  cause?: unknown;
}

/**
 * The one error the web deals with. `status` is the HTTP status, or 0 when the request never got
 * an answer (network down, server gone, aborted).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string> | undefined;
  readonly upstream: UpstreamInfo | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(init: ApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields;
    this.upstream = init.upstream;
    this.retryAfterSeconds = init.retryAfterSeconds;
  }

  get isUnauthenticated(): boolean {
    return this.status === 401;
  }

  get isNetworkError(): boolean {
    return this.status === 0;
  }
}

const CODE_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  429: 'rate_limited',
  502: 'upstream_error',
  503: 'upstream_unavailable',
  504: 'upstream_timeout',
};

const MESSAGE_BY_STATUS: Record<number, string> = {
  401: 'Your session has ended. Sign in again.',
  403: 'Your role does not allow this.',
  404: 'Not found.',
  429: 'Too many requests. Wait a moment and try again.',
};

const codeForStatus = (status: number) =>
  CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal' : 'bad_request');

function retryAfter(res: Response): number | undefined {
  const raw = res.headers.get('retry-after') ?? res.headers.get('x-retry-after');
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function fallbackMessage(res: Response): string {
  return (
    MESSAGE_BY_STATUS[res.status] ??
    `The server answered ${res.status}${res.statusText ? ` ${res.statusText}` : ''}.`
  );
}

/** Reads a non-2xx response: our `{ error }` body, a bare `{ message }` (better-auth), or anything else. */
export async function apiErrorFromResponse(res: Response): Promise<ApiError> {
  const base = { status: res.status, retryAfterSeconds: retryAfter(res) };
  let text = '';
  try {
    text = await res.text();
  } catch {
    // The body could not be read; the status alone has to do.
  }
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  const parsed = ApiErrorBodySchema.safeParse(json);
  if (parsed.success) {
    const { code, message, fields, upstream } = parsed.data.error;
    return new ApiError({ ...base, code, message, fields, upstream });
  }
  const bare = json as { message?: unknown } | undefined;
  const message = typeof bare?.message === 'string' && bare.message ? bare.message : fallbackMessage(res);
  return new ApiError({ ...base, code: codeForStatus(res.status), message });
}

/** Anything thrown while talking to the API, as an ApiError. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof DOMException && err.name === 'AbortError') {
    return new ApiError({ status: 0, code: 'aborted', message: 'The request was cancelled.', cause: err });
  }
  if (err instanceof TypeError) {
    // fetch rejects with a TypeError when no answer came back at all.
    return new ApiError({
      status: 0,
      code: 'network_error',
      message: 'Could not reach the Switchboard server. Check your connection and try again.',
      cause: err,
    });
  }
  return new ApiError({
    status: 0,
    code: 'internal',
    message: err instanceof Error ? err.message : 'Something went wrong.',
    cause: err,
  });
}

/** "StackOne answered 503 (request id req_1)" — what the user can quote to StackOne support. */
export function describeUpstream(upstream: UpstreamInfo | undefined): string | null {
  if (!upstream) return null;
  const parts = [
    upstream.status === null ? 'StackOne did not answer' : `StackOne answered ${upstream.status}`,
  ];
  if (upstream.requestId) parts.push(`request id ${upstream.requestId}`);
  return parts.length > 1 ? `${parts[0]} (${parts[1]})` : parts[0]!;
}
