import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { linkJobItems, linkJobs, links } from '../db/schema.ts';
import { AppError } from '../http/app-error.ts';
import { csvRow } from './csv-cell.ts';
import { shortLinkUrl } from './link-code.ts';

export const BULK_CSV_HEADER = [
  'customer id',
  'customer name',
  'provider',
  'label',
  'account id',
  'link',
  'expires',
];

/** The links a job made, one row each, for a mail merge (failed accounts have no row). */
export async function bulkJobCsv(db: Db, publicUrl: string, jobId: string): Promise<string> {
  const [job] = await db.select({ id: linkJobs.id }).from(linkJobs).where(eq(linkJobs.id, jobId)).limit(1);
  if (!job) throw new AppError('not_found', `No bulk job ${jobId}`);
  const rows = await db
    .select({
      ownerId: links.originOwnerId,
      ownerName: links.originOwnerName,
      provider: links.provider,
      label: links.label,
      accountId: links.accountId,
      code: links.code,
      expiresAt: links.expiresAt,
    })
    .from(linkJobItems)
    .innerJoin(links, eq(links.id, linkJobItems.linkId))
    .where(eq(linkJobItems.jobId, jobId))
    .orderBy(asc(linkJobItems.position));
  return (
    csvRow(BULK_CSV_HEADER) +
    rows
      .map((r) =>
        csvRow([
          r.ownerId,
          r.ownerName,
          r.provider,
          r.label,
          r.accountId,
          shortLinkUrl(publicUrl, r.code),
          new Date(r.expiresAt).toISOString(),
        ]),
      )
      .join('')
  );
}
