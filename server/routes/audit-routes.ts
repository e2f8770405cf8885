import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import { AuditQuerySchema, type AuditPage } from '../../shared/schemas/audit.ts';
import type { AppDeps } from '../app-deps.ts';
import { auditCsvHeader, auditCsvLine, iterateAudit, listAudit } from '../audit/list-audit.ts';
import { requirePermission } from '../auth/session-middleware.ts';
import { validate } from '../http/validate.ts';

export function auditRoutes(deps: AppDeps) {
  const { db } = deps.database;
  return new Hono().get(
    '/',
    requirePermission('audit:read'),
    validate('query', AuditQuerySchema),
    async (c) => c.json((await listAudit(db, c.req.valid('query'))) satisfies AuditPage, 200),
  );
}

/** `GET /api/audit.csv`: the same filter as the list, every matching row, streamed. */
export function auditCsvRoutes(deps: AppDeps) {
  const { db } = deps.database;
  return new Hono().get(
    '/',
    requirePermission('audit:read'),
    validate('query', AuditQuerySchema),
    async (c) => {
      const { page: _page, pageSize: _size, ...filter } = c.req.valid('query');
      c.header('content-type', 'text/csv; charset=utf-8');
      c.header(
        'content-disposition',
        `attachment; filename="switchboard-audit-${new Date().toISOString().slice(0, 10)}.csv"`,
      );
      // The first page is read before the answer starts: a failure is then an error answer, not a
      // file cut short after its header.
      const entries = iterateAudit(db, filter);
      const first = await entries.next();
      return stream(c, async (out) => {
        await out.write(auditCsvHeader());
        if (first.done) return;
        await out.write(auditCsvLine(first.value));
        for await (const entry of entries) await out.write(auditCsvLine(entry));
      });
    },
  );
}
