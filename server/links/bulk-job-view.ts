import { asc, eq } from 'drizzle-orm';
import type { BulkJob } from '../../shared/schemas/links.ts';
import type { Db } from '../db/client.ts';
import { linkJobItems, linkJobs, links } from '../db/schema.ts';
import { AppError } from '../http/app-error.ts';
import { shortLinkUrl } from './link-code.ts';

/** A job as `GET /api/links/bulk/:jobId` answers it, its items (with their short links) if asked. */
export async function bulkJobView(
  db: Db,
  publicUrl: string,
  jobId: string,
  withItems: boolean,
): Promise<BulkJob> {
  const [job] = await db.select().from(linkJobs).where(eq(linkJobs.id, jobId)).limit(1);
  if (!job) throw new AppError('not_found', `No bulk job ${jobId}`);
  const view: BulkJob = {
    id: job.id,
    state: job.state as BulkJob['state'],
    total: job.total,
    done: job.done,
    failed: job.failed,
    createdAt: new Date(job.createdAt).toISOString(),
    finishedAt: job.finishedAt ? new Date(job.finishedAt).toISOString() : null,
    expiresIn: job.expiresIn,
  };
  if (!withItems) return view;
  const items = await db
    .select({
      accountId: linkJobItems.accountId,
      state: linkJobItems.state,
      linkId: linkJobItems.linkId,
      error: linkJobItems.error,
      code: links.code,
      originOwnerName: links.originOwnerName,
      provider: links.provider,
    })
    .from(linkJobItems)
    .leftJoin(links, eq(links.id, linkJobItems.linkId))
    .where(eq(linkJobItems.jobId, jobId))
    .orderBy(asc(linkJobItems.position));
  return {
    ...view,
    items: items.map((i) => ({
      accountId: i.accountId,
      originOwnerName: i.originOwnerName,
      provider: i.provider,
      state: i.state as 'pending' | 'done' | 'failed',
      linkId: i.linkId,
      url: i.code ? shortLinkUrl(publicUrl, i.code) : null,
      error: i.error,
    })),
  };
}
