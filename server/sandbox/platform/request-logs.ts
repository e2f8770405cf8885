import { Hono } from 'hono';
import type { SandboxContext } from '../context.ts';
import { parseQuery } from '../http/parse-input.ts';
import { stackOneError } from '../http/stackone-error.ts';
import { withExtraLogFields } from './extra-fields.ts';
import { sparseLog } from './sparse-logs.ts';
import { logPage, LogListQuerySchema } from './request-log-query.ts';
import { toLogDetailWire, toLogListEntryWire } from './request-log-wire.ts';

/** `/requests/logs` (stackone-api.md §5): cursor-paged list and detail, newest first by default. */
export function requestLogRoutes(ctx: SandboxContext) {
  const { store, dialects } = ctx;
  const bend = (wire: object) => {
    const sparse = dialects.has('sparse-logs') ? sparseLog(wire) : wire;
    return dialects.has('extra-fields') ? withExtraLogFields(sparse) : sparse;
  };

  return new Hono()
    .get('/requests/logs', (c) => {
      const bracketOnly = dialects.has('logs-filter-bracket') ? ['account_ids'] : [];
      const query = parseQuery(c, LogListQuerySchema, { bracketOnly });
      if (!query.ok) return query.response;
      const { page, next } = logPage(store.logs, query.data);
      return c.json(
        { data: page.map((log) => bend(toLogListEntryWire(log, query.data.includeSteps))), next },
        200,
      );
    })
    .get('/requests/logs/:id', (c) => {
      const log = store.getLog(c.req.param('id'));
      if (!log) return stackOneError(c, 404, 'No request log with the given id exists');
      return c.json({ data: bend(toLogDetailWire(log)) }, 200);
    });
}
