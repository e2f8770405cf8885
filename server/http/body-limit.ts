import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from './app-error.ts';

/** The largest `/api` request body: every form and JSON body of the console is a few KB at most. */
export const API_MAX_BODY_BYTES = 256 * 1024;

/**
 * Refuses a body over `maxBytes` with a 413 in the one error shape. A declared length over it is
 * refused before anything is read; a streamed body is read only up to the limit, never buffered whole.
 */
export function limitBody(maxBytes: number, what: string): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) => {
      // Answered before the body was read to its end: the socket cannot carry another request after it.
      c.header('Connection', 'close');
      throw new AppError('payload_too_large', `${what} is larger than ${maxBytes} bytes`);
    },
  });
}
