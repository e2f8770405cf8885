import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiErrorBody, ErrorCode } from '../../shared/schemas/errors.ts';

const STATUS_BY_CODE: Record<ErrorCode, ContentfulStatusCode> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  invalid_signature: 401,
  upstream_error: 502,
  upstream_unavailable: 503,
  upstream_timeout: 504,
  outcome_unknown: 504,
  internal: 500,
};

export interface UpstreamInfo {
  status: number | null;
  requestId: string | null;
}

/** The one error type domain code throws; `app.onError` turns it into the `/api` error body. */
export class AppError extends Error {
  readonly status: ContentfulStatusCode;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly options: {
      fields?: Record<string, string>;
      upstream?: UpstreamInfo;
      status?: ContentfulStatusCode;
      /** Sent as `Retry-After` (seconds) with the error: when the caller may try again. */
      retryAfterSeconds?: number;
    } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.status = options.status ?? STATUS_BY_CODE[code];
  }

  toBody(): ApiErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.options.fields ? { fields: this.options.fields } : {}),
        ...(this.options.upstream ? { upstream: this.options.upstream } : {}),
      },
    };
  }
}
