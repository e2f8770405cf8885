import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MiddlewareHandler } from 'hono';
import { can } from '../../shared/permissions.ts';
import { AccountsSearchSchema } from '../../shared/schemas/accounts-search.ts';
import { parseSearch } from '../../shared/search-params.ts';
import { listAccounts } from '../accounts-index/list-accounts.ts';
import type { AppDeps } from '../app-deps.ts';
import type { Actor } from '../auth/actor.ts';
import { accountsFirstPaintHtml } from './accounts-first-paint-html.ts';

const ROOT = '<div id="root">';

/**
 * `GET /accounts` for a signed-in reader: the SPA shell with the first page of rows already drawn in
 * it, so they show as soon as the HTML arrives instead of after the SPA's scripts have run. Anyone
 * else, and any failure here, gets the plain shell from the next handler: the first paint is only
 * ever a head start, never the page itself.
 */
export function accountsFirstPaint(
  deps: AppDeps,
  spaDir: string,
): MiddlewareHandler<{ Variables: { actor?: Actor } }> {
  const shellPath = join(spaDir, 'index.html');
  return async (c, next) => {
    const actor = c.get('actor');
    if (!actor || !can(actor.role, 'accounts:read')) return next();
    let body: string;
    try {
      const search = AccountsSearchSchema.parse(parseSearch(new URL(c.req.url).search));
      const [shell, page] = await Promise.all([
        readFile(shellPath, 'utf8'),
        listAccounts(deps.database.db, search),
      ]);
      // No rows: the SPA's own empty states say why (no sync yet, nothing matches), not a picture.
      if (page.items.length === 0 || !shell.includes(ROOT)) return next();
      const connectors = new Map((deps.connectors.known() ?? []).map((k) => [k.provider, k]));
      const picture = await accountsFirstPaintHtml({
        items: page.items,
        canSelect: can(actor.role, 'accounts:relink'),
        connectors,
        now: Date.now(),
      });
      body = shell.replace(ROOT, `${picture}${ROOT}`);
    } catch (error) {
      console.warn('first paint of /accounts skipped:', error);
      return next();
    }
    // Customer data, for this session only: never kept by a browser or proxy cache.
    return c.html(body, 200, { 'cache-control': 'no-store', vary: 'cookie' });
  };
}
