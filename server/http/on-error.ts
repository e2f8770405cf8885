import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError } from './app-error.ts';

/** The one place errors become the `/api` error body. */
export function onError(err: Error, c: Context) {
  if (err instanceof AppError) {
    const retryAfter = err.options.retryAfterSeconds;
    if (retryAfter !== undefined) c.header('retry-after', String(Math.max(0, Math.ceil(retryAfter))));
    return c.json(err.toBody(), err.status);
  }
  if (err instanceof HTTPException) {
    // Hono's own 4xx (malformed JSON, body limit) keep their status in our shape.
    const status = err.status;
    const code = status === 413 ? 'payload_too_large' : status < 500 ? 'bad_request' : 'internal';
    const message = err.message || 'Bad request';
    // A body that is not JSON at all is a form error too: `_` is the whole body, as in zodFields.
    const fields = status === 400 ? { fields: { _: message } } : {};
    return c.json({ error: { code, message, ...fields } }, status);
  }
  console.error('[api] unhandled error', err);
  return c.json({ error: { code: 'internal', message: 'Something went wrong on the server' } }, 500);
}
