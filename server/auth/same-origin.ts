import type { MiddlewareHandler } from 'hono';
import { AppError } from '../http/app-error.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * State-changing requests must come from the console's own pages: the Origin header must be the
 * console's origin, or (without Origin) Sec-Fetch-Site must say same-origin. A request with neither
 * is refused too, so a cookie alone never authorises a cross-site form post.
 */
export function sameOriginOnly(publicUrl: string): MiddlewareHandler {
  const allowed = new URL(publicUrl).origin;
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const origin = c.req.header('origin');
    const fetchSite = c.req.header('sec-fetch-site');
    const ok = origin ? origin === allowed : fetchSite === 'same-origin';
    if (!ok)
      throw new AppError(
        'forbidden',
        'Cross-origin request refused: state changes must come from the console itself',
      );
    await next();
  };
}
