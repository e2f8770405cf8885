import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import type { RunningSandbox } from '../../server/sandbox/start-sandbox.ts';

/**
 * A StackOne in front of the sandbox whose `GET /accounts` can be made to list only its first
 * `truncateTo` accounts, a listing that looks wrong (far fewer accounts than the index holds), while
 * every other call, `GET /accounts/{id}` included, is passed through. With `truncateTo` null it passes
 * `GET /accounts` through too, so the sandbox's own dialects apply behind it.
 */
export interface TruncatingProxy {
  url: string;
  /** The sandbox behind it; set once it runs (the console is started pointing at the proxy). */
  sandbox: RunningSandbox | null;
  truncateTo: number | null;
  close(): Promise<void>;
}

const passedHeaders = ['authorization', 'content-type', 'accept'];

export async function startTruncatingProxy(): Promise<TruncatingProxy> {
  const state: TruncatingProxy = { url: '', sandbox: null, truncateTo: null, close: async () => {} };
  const target = () => {
    if (!state.sandbox) throw new Error('the truncating proxy has no sandbox behind it yet');
    return state.sandbox.url;
  };

  const forward = async (req: Request, pathAndQuery: string) => {
    const headers = new Headers();
    for (const h of passedHeaders) {
      const v = req.headers.get(h);
      if (v) headers.set(h, v);
    }
    const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await req.arrayBuffer();
    const res = await fetch(`${target()}${pathAndQuery}`, { method: req.method, headers, body });
    const out = new Headers();
    for (const h of ['content-type', 'retry-after', 'x-request-id']) {
      const v = res.headers.get(h);
      if (v) out.set(h, v);
    }
    return new Response(await res.arrayBuffer(), { status: res.status, headers: out });
  };

  const app = new Hono();
  app.get('/accounts', async (c) => {
    const url = new URL(c.req.url);
    if (state.truncateTo === null) return forward(c.req.raw, url.pathname + url.search);
    // The sandbox's first accounts (its default 1-based paging), paged 1-based by `page_size`.
    const res = await fetch(`${target()}/accounts?page=1&page_size=${state.truncateTo}`, {
      headers: { authorization: c.req.header('authorization') ?? '' },
    });
    if (!res.ok) return forward(c.req.raw, url.pathname + url.search);
    const all = (await res.json()) as unknown[];
    const page = Number(url.searchParams.get('page') ?? 1);
    const size = Number(url.searchParams.get('page_size') ?? 25);
    return c.json(page < 1 ? [] : all.slice((page - 1) * size, page * size));
  });
  app.all('*', (c) => {
    const url = new URL(c.req.url);
    return forward(c.req.raw, url.pathname + url.search);
  });

  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const address = server.address();
  state.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}
