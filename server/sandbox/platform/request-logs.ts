import { Hono } from 'hono';
import type { SandboxContext } from '../context.ts';
import { stackOneError } from '../http/stackone-error.ts';
import { logPage, parseLogListQuery } from './request-log-query.ts';
import { toLogDetailWire, toLogListEntryWire } from './request-log-wire.ts';

/** `/requests/logs` (stackone-api.md §5): cursor-paged list and detail, newest first by default. */
export function requestLogRoutes(ctx: SandboxContext) {
  const { store } = ctx;
  return new Hono()
    .get('/requests/logs', (c) => {
      const query = parseLogListQuery(new URL(c.req.url).searchParams);
      if (!query.ok) return stackOneError(c, 400, query.message);
      const { page, next } = logPage(store.logs, query.value);
      return c.json(
        { data: page.map((log) => toLogListEntryWire(log, query.value.includeSteps)), next },
        200,
      );
    })
    .get('/requests/logs/:id', (c) => {
      const log = store.getLog(c.req.param('id'));
      if (!log) return stackOneError(c, 404, 'No request log with the given id exists');
      return c.json({ data: toLogDetailWire(log) }, 200);
    });
}
