import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import { AccountListQuerySchema } from '../../shared/schemas/account-filters.ts';
import {
  accountsCsvHeader,
  accountsCsvLines,
  iterateAccountPages,
} from '../accounts-index/export-accounts.ts';
import type { AppDeps } from '../app-deps.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { requirePermission } from '../auth/session-middleware.ts';
import { validate } from '../http/validate.ts';

/**
 * `GET /api/accounts/csv?<the /api/accounts query>`: every account of the list's filter, in its sort,
 * streamed a page at a time (paging parameters are ignored). One audit row per export, written when
 * it ends, with the filter and the number of rows sent.
 */
export function accountsCsvRoutes(deps: AppDeps) {
  const { db } = deps.database;
  return new Hono().get(
    '/',
    requirePermission('accounts:read'),
    validate('query', AccountListQuerySchema),
    async (c) => {
      const { page: _page, pageSize: _size, ...filter } = c.req.valid('query');
      c.header('content-type', 'text/csv; charset=utf-8');
      c.header(
        'content-disposition',
        `attachment; filename="switchboard-accounts-${new Date().toISOString().slice(0, 10)}.csv"`,
      );
      // The first page is read before the answer starts: a failure is then an error answer, not a
      // file cut short after its header.
      const pages = iterateAccountPages(db, filter);
      const first = await pages.next();
      return stream(c, async (out) => {
        let rows = 0;
        let error: string | null = null;
        try {
          await out.write(accountsCsvHeader());
          if (!first.done) {
            await out.write(accountsCsvLines(first.value));
            rows += first.value.length;
            for await (const page of pages) {
              if (out.aborted) throw new Error('The download was cancelled');
              await out.write(accountsCsvLines(page));
              rows += page.length;
            }
          }
          if (out.aborted) throw new Error('The download was cancelled');
        } catch (err) {
          error = err instanceof Error ? err.message : String(err);
          await pages.return(undefined);
        } finally {
          await writeAudit(db, c, {
            action: 'accounts.exported',
            outcome: error ? 'failure' : 'success',
            summary: { filter, rows, ...(error ? { error } : {}) },
          }).catch((auditErr: unknown) =>
            console.error('[audit] an accounts export was not recorded', auditErr),
          );
        }
      });
    },
  );
}
