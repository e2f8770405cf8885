import { and, asc, count, inArray } from 'drizzle-orm';
import { BULK_LINKS_MAX, type BulkLinkRequestSchema } from '../../shared/schemas/links.ts';
import type { z } from 'zod';
import { buildConditions } from '../accounts-index/list-accounts.ts';
import type { Db } from '../db/client.ts';
import { accounts, linkJobItems, linkJobs } from '../db/schema.ts';
import { AppError } from '../http/app-error.ts';
import { newJobId } from './link-code.ts';

type BulkRequest = z.output<typeof BulkLinkRequestSchema>;

async function accountIdsOf(db: Db, request: BulkRequest): Promise<string[]> {
  if (request.accountIds) return [...new Set(request.accountIds)];
  const query = {
    ...request.filter!,
    sort: 'updatedAt' as const,
    order: 'desc' as const,
    page: 1,
    pageSize: 1,
  };
  const conditions = buildConditions(query);
  const facets = Object.values(conditions.byFacet).filter((c) => c !== null);
  const where = and(...conditions.base, ...facets);
  const [matching] = await db.select({ n: count() }).from(accounts).where(where);
  const n = Number(matching?.n ?? 0);
  if (n > BULK_LINKS_MAX) {
    throw new AppError(
      'bad_request',
      `${n} accounts match this filter; a job takes at most ${BULK_LINKS_MAX}. Narrow the filter and send the rest in another job.`,
      { fields: { filter: `matches ${n} accounts, more than ${BULK_LINKS_MAX}` } },
    );
  }
  const rows = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(where)
    .orderBy(asc(accounts.originOwnerName), asc(accounts.id));
  return rows.map((r) => r.id);
}

/** Writes the job and its items (all pending); a worker makes the links. */
export async function createBulkJob(
  db: Db,
  request: BulkRequest,
  creator: { id: string; email: string },
): Promise<{ jobId: string; total: number }> {
  const ids = await accountIdsOf(db, request);
  if (ids.length === 0) {
    throw new AppError('bad_request', 'No accounts match: nothing to send', {
      fields: { filter: 'matches no account' },
    });
  }
  const jobId = newJobId();
  await db.transaction(async (tx) => {
    await tx.insert(linkJobs).values({
      id: jobId,
      state: 'running',
      createdById: creator.id,
      createdByEmail: creator.email,
      createdAt: new Date().toISOString(),
      expiresIn: request.expiresIn,
      total: ids.length,
    });
    for (let i = 0; i < ids.length; i += 500) {
      await tx
        .insert(linkJobItems)
        .values(
          ids
            .slice(i, i + 500)
            .map((accountId, k) => ({ jobId, position: i + k, accountId, state: 'pending' })),
        );
    }
  });
  return { jobId, total: ids.length };
}

/** Accounts of a job, by id, as the index holds them (deleted ones left out). */
export async function indexedAccounts(db: Db, ids: string[]) {
  if (ids.length === 0) return new Map<string, typeof accounts.$inferSelect>();
  const rows = await db.select().from(accounts).where(inArray(accounts.id, ids));
  return new Map(rows.filter((r) => r.deletedAt === null).map((r) => [r.id, r]));
}
