import type { HttpBindings } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { AccountListQuerySchema } from '../../shared/schemas/account-filters.ts';
import {
  exportReadFailure,
  iterateAccountPages,
  writeAccountsCsv,
  type AccountExportFilter,
} from '../accounts-index/export-accounts.ts';
import type { AccountRow } from '../accounts-index/account-row.ts';
import type { AppDeps } from '../app-deps.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { requirePermission } from '../auth/session-middleware.ts';
import type { Db } from '../db/client.ts';
import { AppError } from '../http/app-error.ts';
import { validate } from '../http/validate.ts';

const CANCELLED = 'The download was cancelled';

async function auditExport(
  db: Db,
  c: Context,
  filter: AccountExportFilter,
  rows: number,
  error: string | null,
): Promise<void> {
  await writeAudit(db, c, {
    action: 'accounts.exported',
    outcome: error ? 'failure' : 'success',
    summary: { filter, rows, ...(error ? { error } : {}) },
  }).catch((auditErr: unknown) => console.error('[audit] an accounts export was not recorded', auditErr));
}

/**
 * Ends a started download as a broken transfer. A failed export must never look like a complete
 * file: the connection closes without the chunked body's last chunk, so the client (a browser's
 * download) reports a failure. Only erroring the body is not enough: the Node adapter then ends
 * the response cleanly after an `Error: …` line, which reads as the file's last row.
 */
function breakResponse(c: Context, reason: string): void {
  // The Node server's own response (absent when the app answers in-process, as in `app.request`).
  const outgoing = (c.env as Partial<HttpBindings> | undefined)?.outgoing;
  outgoing?.destroy(new Error(reason));
}

/**
 * `GET /api/accounts/csv?<the /api/accounts query>`: every account of the list's filter, in its sort,
 * streamed a page at a time (paging parameters are ignored). One audit row per export, written when
 * it ends, with the filter, the number of rows sent and, for a failed one, why.
 */
export function accountsCsvRoutes(deps: AppDeps) {
  const { db } = deps.database;
  return new Hono().get(
    '/',
    requirePermission('accounts:read'),
    validate('query', AccountListQuerySchema),
    async (c) => {
      const { page: _page, pageSize: _size, ...filter } = c.req.valid('query');
      // The first page is read before the answer starts: a failure is then an error answer (JSON,
      // no attachment), not a file cut short after its header.
      const pages = iterateAccountPages(db, filter);
      let first: IteratorResult<AccountRow[], void>;
      try {
        first = await pages.next();
      } catch (err) {
        await auditExport(db, c, filter, 0, exportReadFailure(err));
        throw new AppError(
          'internal',
          'The export could not read the accounts, so nothing was exported. Try again; the server log has the details.',
        );
      }

      const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
      const writer = writable.getWriter();
      const encoder = new TextEncoder();
      // Each write waits for the previous chunk to be read: one page in memory, whatever the size.
      const write = (text: string) =>
        writer.write(encoder.encode(text)).catch(() => {
          throw new Error(CANCELLED);
        });
      void (async () => {
        const { rows, error } = await writeAccountsCsv(first, pages, write);
        await auditExport(db, c, filter, rows, error);
        if (error) breakResponse(c, error);
        await (error ? writer.abort(new Error(error)) : writer.close()).catch(() => {});
      })();

      c.header('content-type', 'text/csv; charset=utf-8');
      // Said up front, the headers go out at once (the Node adapter otherwise waits for the first
      // chunks, and a failure before then would turn into a bare 500 instead of a broken download).
      c.header('transfer-encoding', 'chunked');
      c.header(
        'content-disposition',
        `attachment; filename="switchboard-accounts-${new Date().toISOString().slice(0, 10)}.csv"`,
      );
      return c.body(readable, 200);
    },
  );
}
