import type { Context } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiRoutes } from '../../../server/app.ts';
import { AppError } from '../../../server/http/app-error.ts';
import { startTestConsole, type TestConsole } from '../../support/console.ts';

/** Routes anyone may call; every other route is guarded by the first handler it declares. */
const PUBLIC = new Set(['GET /health', 'GET /ready', 'GET /setup', 'POST /setup']);

describe('where /api routes declare who may call them', () => {
  let t: TestConsole;
  let routes: ReturnType<typeof createApiRoutes>['routes'];

  beforeAll(async () => {
    t = await startTestConsole({ autoSync: false, sandbox: { accounts: 0, webhookUrls: [] } });
    routes = createApiRoutes(t.console.deps).routes;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('has no middleware over a path: only the app-wide ones and the auth catch-all', () => {
    const overPaths = routes
      .filter((r) => r.method === 'ALL' && r.path !== '/*' && !r.path.startsWith('/auth/'))
      .map((r) => r.path);
    expect(overPaths).toEqual([]);
  });

  it('guards every route that is not public with the first handler it declares', async () => {
    // The first handler of each method and path, in declaration order.
    const first = new Map<string, (typeof routes)[number]['handler']>();
    for (const r of routes) {
      const key = `${r.method} ${r.path.replace(/\/$/, '') || '/'}`;
      if (r.method === 'ALL' || r.path.startsWith('/auth/') || first.has(key)) continue;
      first.set(key, r.handler);
    }
    expect(first.size).toBeGreaterThan(10);

    // An anonymous request: a guard refuses it without reading anything else of the request.
    const anonymous = { get: () => undefined } as unknown as Context;
    const unguarded: string[] = [];
    for (const [route, handler] of first) {
      if (PUBLIC.has(route)) continue;
      const refusal = await Promise.resolve()
        .then(() => handler(anonymous, () => Promise.reject(new Error('passed the guard'))))
        .then(
          () => null,
          (err: unknown) => err,
        );
      if (!(refusal instanceof AppError && refusal.code === 'unauthenticated')) unguarded.push(route);
    }
    expect(unguarded).toEqual([]);
  });
});
