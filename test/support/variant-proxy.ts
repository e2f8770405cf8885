import { serve, type ServerType } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import type { AddressInfo } from 'node:net';

/**
 * Ways a real StackOne may differ from the sandbox, applied by a proxy in front of it (until the
 * sandbox's own dialects cover them): each one of issue 9's plausible variants.
 */
export type Variant =
  /** `GET /accounts` answers `{"data": [...]}`. */
  | 'envelope'
  /** Unknown fields on every account, `suspended` on those in `suspended`, one listed record without `created_at`. */
  | 'extra-fields'
  /** Request-log entries without `request_id` and other optional fields. */
  | 'sparse-logs'
  /** Request logs read only `filter[account_ids]`: the bare key is dropped before the sandbox sees it. */
  | 'logs-filter-bracket'
  /** Request logs ignore the account filter altogether (every account's entries). */
  | 'logs-filter-ignored'
  /** PATCH `label` must be an object (`{"value": "…"}` taken); a string is StackOne's 400. */
  | 'label-object'
  /** PATCH `label` is refused in any form. */
  | 'label-refused';

export const BROKEN_ACCOUNT_ID = 'acc_broken_record';

const errorBody = (statusCode: number, message: string) => ({
  statusCode,
  message,
  timestamp: new Date().toISOString(),
});

export interface VariantProxy {
  url: string;
  /** Where requests go on to (the sandbox); set before the first request. */
  target: string;
  variants: Set<Variant>;
  /** Accounts answered `suspended` under `extra-fields`. */
  suspended: Set<string>;
  /** Query strings of the request-log calls that reached the proxy. */
  logQueries: URLSearchParams[];
  close(): Promise<void>;
}

export async function startVariantProxy(): Promise<VariantProxy> {
  const state: Omit<VariantProxy, 'url' | 'close'> = {
    target: '',
    variants: new Set(),
    suspended: new Set(),
    logQueries: [],
  };
  const on = (v: Variant) => state.variants.has(v);

  const forward = async (c: Context, path: string, body?: string) => {
    const headers = new Headers(c.req.raw.headers);
    headers.delete('host');
    headers.delete('content-length');
    const method = c.req.method;
    return fetch(`${state.target}${path}`, {
      method,
      headers,
      body: body ?? (method === 'GET' || method === 'DELETE' ? undefined : await c.req.text()),
    });
  };
  const json = (res: Response, body: unknown) =>
    new Response(JSON.stringify(body), {
      status: res.status,
      headers: { 'content-type': 'application/json' },
    });

  const extra = (a: Record<string, unknown>) => ({
    ...a,
    future_field: { nested: true },
    ...(state.suspended.has(a.id as string) ? { status: 'suspended' } : {}),
  });

  const app = new Hono()
    .get('/accounts/:id', async (c) => {
      const res = await forward(c, new URL(c.req.url).pathname);
      if (!res.ok || !on('extra-fields')) return res;
      return json(res, extra((await res.json()) as Record<string, unknown>));
    })
    .get('/accounts', async (c) => {
      const url = new URL(c.req.url);
      const res = await forward(c, url.pathname + url.search);
      if (!res.ok) return res;
      let accounts = (await res.json()) as Record<string, unknown>[];
      if (on('extra-fields')) {
        accounts = accounts.map(extra);
        if (url.searchParams.get('page') === '1' || !url.searchParams.has('page')) {
          const broken: Record<string, unknown> = { ...accounts[0], id: BROKEN_ACCOUNT_ID };
          delete broken.created_at;
          accounts.push(broken);
        }
      }
      return json(res, on('envelope') ? { data: accounts } : accounts);
    })
    .get('/requests/logs', async (c) => {
      const url = new URL(c.req.url);
      state.logQueries.push(new URLSearchParams(url.search));
      const query = new URLSearchParams(url.search);
      if (on('logs-filter-bracket')) query.delete('account_ids');
      if (on('logs-filter-ignored')) {
        query.delete('account_ids');
        query.delete('filter[account_ids]');
      }
      const res = await forward(c, `${url.pathname}?${query.toString()}`);
      if (!res.ok || !on('sparse-logs')) return res;
      const page = (await res.json()) as { data: Record<string, unknown>[]; next: string | null };
      return json(res, {
        ...page,
        data: page.data.map(({ request_id: _r, duration: _d, source_type: _s, url: _u, ...entry }) => entry),
      });
    })
    .patch('/accounts/:id', async (c) => {
      const path = new URL(c.req.url).pathname;
      if (!on('label-object') && !on('label-refused')) return forward(c, path);
      const body = (await c.req.json()) as { label?: unknown };
      if (on('label-refused')) return c.json(errorBody(400, 'label cannot be changed'), 400);
      if (typeof body.label === 'string') return c.json(errorBody(400, 'label must be an object'), 400);
      const label =
        body.label && typeof body.label === 'object' ? (body.label as { value?: unknown }).value : body.label;
      return forward(c, path, JSON.stringify({ ...body, label }));
    })
    .all('*', (c) => {
      const url = new URL(c.req.url);
      return forward(c, url.pathname + url.search);
    });

  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  });
}
