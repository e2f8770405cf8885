import { eq } from 'drizzle-orm';
import type { Context } from 'hono';
import type { Db } from '../db/client.ts';
import { accounts } from '../db/schema.ts';
import { AppError } from '../http/app-error.ts';
import { writeAudit, type AuditInput } from './write-audit.ts';

async function accountOwner(db: Db, id: string): Promise<string | null> {
  const [row] = await db
    .select({ id: accounts.originOwnerId, name: accounts.originOwnerName })
    .from(accounts)
    .where(eq(accounts.id, id))
    .limit(1);
  return row ? `${row.name} (${row.id})` : null;
}

export type AuditEntry<T> = Omit<AuditInput, 'outcome' | 'upstreamStatus'> & {
  summarize?: (result: T) => Record<string, unknown>;
};

/**
 * Runs a mutation and writes its audit row, success or failure (with the upstream status), then
 * returns or rethrows. An account target gets its owner from the index. Input is validated before
 * this runs (see `validate`), so nothing reaches StackOne that its audit row could not hold.
 */
export async function audited<T>(
  db: Db,
  c: Context,
  entry: AuditEntry<T>,
  run: () => Promise<T>,
): Promise<T> {
  const { summarize, ...base } = entry;
  const targetOwner =
    base.targetOwner ??
    (base.targetType === 'account' && base.targetId ? await accountOwner(db, base.targetId) : null);
  let result: T;
  try {
    result = await run();
  } catch (err) {
    await writeAudit(db, c, {
      ...base,
      targetOwner,
      outcome: 'failure',
      upstreamStatus: err instanceof AppError ? (err.options.upstream?.status ?? null) : null,
      summary: {
        ...base.summary,
        error: err instanceof Error ? err.message : String(err),
        // Not known to have failed: StackOne may have made the change.
        ...(err instanceof AppError && err.code === 'outcome_unknown' ? { errorCode: err.code } : {}),
      },
    }).catch((auditErr: unknown) =>
      console.error(`[audit] could not record a failed ${base.action}`, auditErr),
    );
    throw err;
  }
  // Outside the try: a success whose row could not be written must not be recorded as a failure.
  await writeAudit(db, c, {
    ...base,
    targetOwner,
    outcome: 'success',
    summary: { ...base.summary, ...summarize?.(result) },
  }).catch((auditErr: unknown) => {
    console.error(`[audit] ${base.action} of ${base.targetId ?? '-'} succeeded but was not recorded`);
    throw auditErr;
  });
  return result;
}
