import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import type { RunningSandbox } from '../../server/sandbox/start-sandbox.ts';

/**
 * How `GET /accounts` pages, as a StackOne we cannot reach might page it (StackOne documents neither
 * where pages start, nor its largest `page_size`, nor that a short page is the end):
 * - `page-zero`: pages start at 0;
 * - `page-size-25`: at most 25 a page, a larger `page_size` silently capped;
 * - `short-pages`: every third page holds half of `page_size`, before the end too;
 * - `truncated`: the listing holds only the first 10 accounts (a listing that looks wrong).
 * Stands in for the sandbox's own dialects (SANDBOX_DIALECT) until they land on main.
 */
export type PagingDialect = 'page-zero' | 'page-size-25' | 'short-pages' | 'truncated';

export interface PagingDialectProxy {
  url: string;
  /** The sandbox behind it; set once it runs (the console is started pointing at the proxy). */
  sandbox: RunningSandbox | null;
  /** The dialect answered from now on; null: the sandbox's own paging. */
  dialect: PagingDialect | null;
  /** `page` values asked of `GET /accounts`, in order. */
  pagesAsked: number[];
  close(): Promise<void>;
}

const forwardedHeaders = ['authorization', 'content-type', 'accept'];

/** Pages of `sizeOf(page)` records laid end to end from `first`: the records of page `page`. */
function layout<T>(all: T[], page: number, first: number, sizeOf: (page: number) => number): T[] {
  let offset = 0;
  for (let p = first; p < page; p++) offset += sizeOf(p);
  return all.slice(offset, offset + sizeOf(page));
}

/**
 * A StackOne in front of the sandbox: every call is passed through, but `GET /accounts`, read whole
 * from the sandbox on every call (so a deletion there shows), is paged as the dialect pages it.
 */
export async function startPagingDialectProxy(): Promise<PagingDialectProxy> {
  const app = new Hono();
  const state: PagingDialectProxy = {
    url: '',
    sandbox: null,
    dialect: null,
    pagesAsked: [],
    close: async () => {},
  };

  const target = () => {
    if (!state.sandbox) throw new Error('the paging dialect proxy has no sandbox behind it yet');
    return state.sandbox.url;
  };

  const forward = async (req: Request, path: string) => {
    const headers = new Headers();
    for (const h of forwardedHeaders) {
      const v = req.headers.get(h);
      if (v) headers.set(h, v);
    }
    const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await req.arrayBuffer();
    const res = await fetch(`${target()}${path}`, { method: req.method, headers, body });
    const out = new Headers();
    for (const h of ['content-type', 'retry-after', 'x-request-id']) {
      const v = res.headers.get(h);
      if (v) out.set(h, v);
    }
    return new Response(await res.arrayBuffer(), { status: res.status, headers: out });
  };

  const everyAccount = async (authorization: string): Promise<unknown[]> => {
    const all: unknown[] = [];
    for (let page = 1; ; page++) {
      const res = await fetch(`${target()}/accounts?page=${page}&page_size=100`, {
        headers: { authorization },
      });
      if (!res.ok) throw new Error(`the sandbox answered ${res.status} to GET /accounts`);
      const items = (await res.json()) as unknown[];
      all.push(...items);
      if (items.length < 100) return all;
    }
  };

  app.get('/accounts', async (c) => {
    const url = new URL(c.req.url);
    const dialect = state.dialect;
    const page = Number(url.searchParams.get('page') ?? (dialect === 'page-zero' ? 0 : 1));
    state.pagesAsked.push(page);
    if (!dialect) return forward(c.req.raw, url.pathname + url.search);
    const requested = Math.min(100, Number(url.searchParams.get('page_size') ?? 25));
    const first = dialect === 'page-zero' ? 0 : 1;
    if (!Number.isInteger(page) || page < first) {
      return c.json(
        { statusCode: 400, message: `page must be at least ${first}`, timestamp: new Date().toISOString() },
        400,
      );
    }
    const all = await everyAccount(c.req.header('authorization') ?? '');
    if (dialect === 'truncated') return c.json(layout(all.slice(0, 10), page, 1, () => requested));
    const sizeOf =
      dialect === 'page-size-25'
        ? () => Math.min(requested, 25)
        : dialect === 'short-pages'
          ? (p: number) => (p % 3 === 0 ? Math.ceil(requested / 2) : requested)
          : () => requested;
    return c.json(layout(all, page, first, sizeOf));
  });
  app.all('*', (c) => {
    const url = new URL(c.req.url);
    return forward(c.req.raw, url.pathname + url.search);
  });

  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  state.url = `http://127.0.0.1:${port}`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}
