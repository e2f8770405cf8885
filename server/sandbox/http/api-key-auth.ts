import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { stackOneError } from './stackone-error.ts';

const equal = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** HTTP Basic with the API key as user name; any password is accepted (the SDK sends an empty one). */
export function apiKeyAuth(apiKey: string): MiddlewareHandler {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
    if (!match) return stackOneError(c, 401, 'Unauthorized');
    const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
    const user = decoded.includes(':') ? decoded.slice(0, decoded.indexOf(':')) : decoded;
    if (!equal(user, apiKey)) return stackOneError(c, 401, 'Unauthorized');
    await next();
  };
}
