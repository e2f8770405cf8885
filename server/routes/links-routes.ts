import { Hono } from 'hono';
import {
  BulkJobParamSchema,
  BulkJobQuerySchema,
  BulkLinkRequestSchema,
  LinkIdParamSchema,
  LinkListQuerySchema,
} from '../../shared/schemas/links.ts';
import type { AppDeps } from '../app-deps.ts';
import { audited } from '../audit/audited.ts';
import { requirePermission } from '../auth/session-middleware.ts';
import { validate } from '../http/validate.ts';
import { bulkJobCsv } from '../links/bulk-job-csv.ts';
import { bulkJobView } from '../links/bulk-job-view.ts';
import { createBulkJob } from '../links/create-bulk-job.ts';
import { listLinks } from '../links/list-links.ts';
import { revokeLink } from '../links/revoke-link.ts';

/** `/api/links`: the ledger, revoking, and bulk re-link jobs. */
export function linksRoutes(deps: AppDeps) {
  const { ledger, worker } = deps.links;
  const { db } = deps.database;
  return new Hono()
    .get('/', requirePermission('links:read'), validate('query', LinkListQuerySchema), async (c) => {
      return c.json(await listLinks(ledger, c.req.valid('query'), c.get('actor').id), 200);
    })
    .post(
      '/bulk',
      requirePermission('accounts:relink'),
      validate('json', BulkLinkRequestSchema),
      async (c) => {
        const request = c.req.valid('json');
        const actor = c.get('actor');
        const job = await audited(
          db,
          c,
          {
            action: 'links.bulk_created',
            targetType: 'connect_session',
            summary: {
              expiresIn: request.expiresIn,
              ...(request.filter ? { filter: request.filter } : { accountIds: request.accountIds }),
            },
            // The worker adds done, failed and each account's outcome when the job finishes.
            summarize: (j) => ({ jobId: j.jobId, total: j.total }),
          },
          () => createBulkJob(db, request, actor),
        );
        worker.start(job.jobId);
        return c.json(job, 202);
      },
    )
    .get(
      '/bulk/:jobId',
      requirePermission('accounts:relink'),
      validate('param', BulkJobParamSchema),
      validate('query', BulkJobQuerySchema),
      async (c) => {
        const { jobId } = c.req.valid('param');
        return c.json(await bulkJobView(db, ledger.publicUrl, jobId, c.req.valid('query').items), 200);
      },
    )
    .get(
      '/bulk/:jobId/csv',
      requirePermission('accounts:relink'),
      validate('param', BulkJobParamSchema),
      async (c) => {
        const { jobId } = c.req.valid('param');
        const csv = await bulkJobCsv(db, ledger.publicUrl, jobId);
        c.header('content-type', 'text/csv; charset=utf-8');
        c.header('content-disposition', `attachment; filename="re-link-links-${jobId}.csv"`);
        return c.body(csv, 200);
      },
    )
    .post(
      '/:id/revoke',
      requirePermission('links:revoke'),
      validate('param', LinkIdParamSchema),
      async (c) => {
        const { id } = c.req.valid('param');
        const link = await audited(
          db,
          c,
          {
            action: 'link.revoked',
            targetType: 'connect_session',
            targetId: id,
            summarize: (l) => ({
              accountId: l.accountId,
              owner: `${l.originOwnerName} (${l.originOwnerId})`,
            }),
          },
          () => revokeLink(ledger, id, c.get('actor').email),
        );
        deps.accountReads.touch(link.accountId ?? '');
        return c.json(link, 200);
      },
    );
}
