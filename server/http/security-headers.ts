import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { Config } from '../config/config.ts';

/**
 * Security headers on every response; the CSP allows exactly what the SPA and the Hub need: our own
 * origin, the Hub's API (baseUrl) for fetches and logos, inline styles (the Hub's CSS-in-JS), and
 * the OAuth popup it opens on that origin.
 */
export function securityHeaders(config: Readonly<Config>): MiddlewareHandler {
  const hub = new URL(config.stackOne.hubBaseUrl).origin;
  const hubApp = new URL(config.stackOne.hubAppUrl).origin;
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', hub, hubApp, 'https://stackone-logos.com'],
      connectSrc: ["'self'", hub],
      fontSrc: ["'self'", 'data:'],
      frameSrc: [hub, hubApp],
      frameAncestors: ["'none'"],
      formAction: ["'self'"],
      baseUri: ["'self'"],
      objectSrc: ["'none'"],
    },
    referrerPolicy: 'strict-origin-when-cross-origin',
    xContentTypeOptions: 'nosniff',
    xFrameOptions: 'DENY',
    crossOriginOpenerPolicy: false,
    crossOriginResourcePolicy: 'same-origin',
  });
}
