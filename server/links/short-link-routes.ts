import { Hono } from 'hono';
import type { AppDeps } from '../app-deps.ts';
import { resolveClientAddress, UNKNOWN_CLIENT } from '../auth/client-address.ts';
import { LINK_CODE_PATTERN } from './link-code.ts';
import { openShortLink } from './open-short-link.ts';
import { createShortLinkLimiter } from './short-link-limiter.ts';
import { endedLinkPage, tooManyOpensPage, unknownLinkPage } from './short-link-page.ts';

/**
 * `GET /l/<code>`: the link handed to a customer. No sign-in; limited per client (TRUST_PROXY
 * applied) before anything is looked up, so codes cannot be walked; an unknown code and a malformed
 * one get the same 404 page.
 */
export function shortLinkRoutes(deps: AppDeps) {
  const limiter = createShortLinkLimiter();
  const ledger = { db: deps.database.db, bus: deps.bus, publicUrl: deps.config.publicUrl };
  return new Hono().use(resolveClientAddress(deps.config.trustProxy)).get('/:code', async (c) => {
    // Nothing here may be cached or leak the URL onward (StackOne's page must not see ours).
    c.header('cache-control', 'no-store');
    c.header('referrer-policy', 'no-referrer');
    const refused = limiter.take(c.get('clientAddress') ?? UNKNOWN_CLIENT);
    if (refused !== null) {
      c.header('retry-after', String(refused));
      return c.html(tooManyOpensPage(refused), 429);
    }
    const code = c.req.param('code');
    if (!LINK_CODE_PATTERN.test(code)) return c.html(unknownLinkPage(), 404);
    const outcome = await openShortLink(ledger, code);
    if (outcome.kind === 'redirect') return c.redirect(outcome.to, 302);
    if (outcome.kind === 'unknown') return c.html(unknownLinkPage(), 404);
    return c.html(endedLinkPage(outcome.state, outcome.createdByEmail), 410);
  });
}
