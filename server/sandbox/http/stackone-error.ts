import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * StackOne's error body. `timestamp` is required: without it the official SDK raises a validation
 * error instead of its typed error class (stackone-api.md §0.6).
 */
export function stackOneError(
  c: Context,
  status: ContentfulStatusCode,
  message: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  return c.json(
    { statusCode: status, message, timestamp: new Date().toISOString(), ...extra },
    status,
    headers,
  );
}

export const defaultMessage: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};
