import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MiddlewareHandler } from 'hono';
import { accepts } from 'hono/accepts';
import { can } from '../../shared/permissions.ts';
import { AccountsSearchSchema } from '../../shared/schemas/accounts-search.ts';
import type { FirstPaintData } from '../../shared/schemas/first-paint-data.ts';
import { parseSearch } from '../../shared/search-params.ts';
import { accountListResponse } from '../accounts-index/account-list-response.ts';
import type { AppDeps } from '../app-deps.ts';
import type { Actor } from '../auth/actor.ts';
import { meView } from '../auth/me-view.ts';
import { streamHtml } from '../http/stream-html.ts';
import { accountsFirstPaintHtml } from './accounts-first-paint-html.ts';

const ROOT_TAG = '<div id="root">';
/**
 * How long the rows may take. The SPA's scripts run only once the whole HTML is in, so a slow read
 * (a sync holding the embedded database, say) must not hold the page: past this, no picture.
 */
export const FIRST_PAINT_DEADLINE_MS = 250;

/**
 * `GET /accounts` for a signed-in reader: the SPA shell with the first page of rows already drawn in
 * it, so they show as soon as the HTML arrives instead of after the SPA's scripts have run. The
 * shell's head goes out at once (the browser fetches the scripts while the rows are read), the
 * picture and the rest of the shell when they are drawn. Anyone else gets the plain shell from the
 * next handler; a failure, a slow read or an empty page sends the shell without a picture: the
 * first paint is only ever a head start, never the page itself.
 */
export function accountsFirstPaint(
  deps: AppDeps,
  spaDir: string,
): MiddlewareHandler<{ Variables: { actor?: Actor } }> {
  const shellPath = join(spaDir, 'index.html');
  return async (c, next) => {
    const actor = c.get('actor');
    if (c.req.method !== 'GET' || !actor || !can(actor.role, 'accounts:read')) return next();
    const shell = await readFile(shellPath, 'utf8').catch(() => null);
    const rootAt = shell?.indexOf(ROOT_TAG) ?? -1;
    if (!shell || rootAt < 0) return next();

    const picture = withDeadline(drawPicture(deps, actor, c.req.url), FIRST_PAINT_DEADLINE_MS);
    const { body, headers } = streamHtml(
      accepts(c, { header: 'Accept-Encoding', supports: ['gzip'], default: 'identity' }) === 'gzip',
      shell.slice(0, rootAt),
      picture.then((drawn) => drawn + shell.slice(rootAt)),
    );
    // Customer data, for this session only: never kept by a browser or proxy cache.
    return c.body(body, 200, { ...headers, 'cache-control': 'no-store', vary: `cookie, ${headers.vary}` });
  };
}

function withDeadline(drawing: Promise<string>, ms: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(''), ms);
  });
  return Promise.race([drawing, late]).finally(() => clearTimeout(timer));
}

/**
 * The page of rows the URL asks for, drawn, with the answers the SPA's first screen would ask for;
 * '' when there is no row or they cannot be read.
 */
async function drawPicture(deps: AppDeps, actor: Actor, url: string): Promise<string> {
  try {
    const parsed = AccountsSearchSchema.parse(parseSearch(new URL(url).search));
    // The SPA leaves an empty `q=` out of its URL, and so out of its query key.
    const search = { ...parsed, q: parsed.q || undefined };
    const readAt = Date.now();
    const [list, me] = await Promise.all([
      accountListResponse(deps, search),
      meView(deps.database.db, actor),
    ]);
    // No rows: the SPA's own empty states say why (no sync yet, nothing matches), not a picture.
    if (list.items.length === 0 || !me) return '';
    const connectors = deps.connectors.known();
    const picture = await accountsFirstPaintHtml({
      items: list.items,
      search,
      canSelect: can(actor.role, 'accounts:relink'),
      connectors: new Map((connectors ?? []).map((k) => [k.provider, k])),
      now: readAt,
    });
    const data: FirstPaintData = {
      readAt,
      search,
      me,
      // A signed-in user exists, so the first-run setup is done.
      setup: { needsSetup: false },
      list,
      connectors: connectors && { items: connectors },
    };
    // JSON in a data block (never run, so the CSP allows it); `<` escaped so no text can close it.
    const json = JSON.stringify(data).replace(/</g, '\\u003c');
    return `${picture}<script type="application/json" id="first-paint-data">${json}</script>`;
  } catch (error) {
    console.warn('[first-paint] /accounts drawn without its rows:', error);
    return '';
  }
}
