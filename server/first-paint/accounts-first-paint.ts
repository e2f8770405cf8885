import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { constants, createGzip } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';
import { can } from '../../shared/permissions.ts';
import { AccountsSearchSchema } from '../../shared/schemas/accounts-search.ts';
import { parseSearch } from '../../shared/search-params.ts';
import type { FirstPaintData } from '../../shared/schemas/first-paint-data.ts';
import { accountListResponse } from '../accounts-index/account-list-response.ts';
import type { AppDeps } from '../app-deps.ts';
import type { Actor } from '../auth/actor.ts';
import { meView } from '../auth/me-view.ts';
import { accountsFirstPaintHtml } from './accounts-first-paint-html.ts';

const ROOT = '<div id="root">';

/**
 * `GET /accounts` for a signed-in reader: the SPA shell with the first page of rows already drawn in
 * it, so they show as soon as the HTML arrives instead of after the SPA's scripts have run. The
 * shell's head goes out at once (the browser fetches the scripts while the rows are read), the
 * picture and the rest of the shell when they are drawn. Anyone else gets the plain shell from the
 * next handler; a failure or an empty page sends the shell without a picture: the first paint is
 * only ever a head start, never the page itself.
 */
export function accountsFirstPaint(
  deps: AppDeps,
  spaDir: string,
): MiddlewareHandler<{ Variables: { actor?: Actor } }> {
  const shellPath = join(spaDir, 'index.html');
  return async (c, next) => {
    const actor = c.get('actor');
    if (!actor || !can(actor.role, 'accounts:read')) return next();
    const shell = await readFile(shellPath, 'utf8').catch(() => null);
    const at = shell?.indexOf(ROOT) ?? -1;
    if (!shell || at < 0) return next();

    const gzip = /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');
    // Each write is flushed, so the head is not held back by the compressor until the rows come.
    const out = gzip ? createGzip({ flush: constants.Z_SYNC_FLUSH }) : new PassThrough();
    out.write(shell.slice(0, at));
    void drawPicture(deps, actor, c.req.url).then((picture) => out.end(picture + shell.slice(at)));
    return c.body(Readable.toWeb(out) as ReadableStream<Uint8Array>, 200, {
      'content-type': 'text/html; charset=UTF-8',
      // Customer data, for this session only: never kept by a browser or proxy cache.
      'cache-control': 'no-store',
      vary: 'cookie, accept-encoding',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    });
  };
}

/**
 * The page of rows the URL asks for, drawn, with the answers the SPA's first screen would ask for;
 * '' when there is no row or they cannot be read.
 */
async function drawPicture(deps: AppDeps, actor: Actor, url: string): Promise<string> {
  try {
    const search = AccountsSearchSchema.parse(parseSearch(new URL(url).search));
    const [list, me] = await Promise.all([
      accountListResponse(deps, search),
      meView(deps.database.db, actor),
    ]);
    // No rows: the SPA's own empty states say why (no sync yet, nothing matches), not a picture.
    if (list.items.length === 0 || !me) return '';
    const known = deps.connectors.known();
    const picture = await accountsFirstPaintHtml({
      items: list.items,
      canSelect: can(actor.role, 'accounts:relink'),
      connectors: new Map((known ?? []).map((k) => [k.provider, k])),
      now: Date.now(),
    });
    const data: FirstPaintData = {
      search,
      me,
      // A signed-in user exists, so the first-run setup is done.
      setup: { needsSetup: false },
      list,
      connectors: known && { items: known },
    };
    // JSON in a data block (never run, so the CSP allows it); `<` escaped so no text can close it.
    const json = JSON.stringify(data).replace(/</g, '\\u003c');
    return `${picture}<script type="application/json" id="first-paint-data">${json}</script>`;
  } catch (error) {
    console.warn('[first-paint] /accounts drawn without its rows:', error);
    return '';
  }
}
