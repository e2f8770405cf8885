import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppDeps } from '../app-deps.ts';

export function healthRoutes(deps: AppDeps) {
  return new Hono()
    .get('/health', (c) => c.json({ status: 'ok' as const }, 200))
    .get('/ready', async (c) => {
      const check = async (fn: () => Promise<unknown>) => {
        try {
          await fn();
          return { ok: true, error: null };
        } catch (err) {
          return { ok: false, error: err instanceof Error ? err.message : String(err) };
        }
      };
      const [database, upstream] = await Promise.all([
        check(() => deps.database.db.execute(sql`select 1`)),
        check(() => deps.connectors.list()),
      ]);
      const ready = database.ok && upstream.ok;
      return c.json(
        { status: ready ? ('ready' as const) : ('not_ready' as const), database, upstream },
        ready ? 200 : 503,
      );
    });
}
