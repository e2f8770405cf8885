import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { accounts } from '../db/schema.ts';

/**
 * The account's indexed status when a user acts on it, for the audit summary: the timeline can then
 * say what a Hub session or re-link link changed ("error (token_expired) → active").
 */
export async function accountStatusSnapshot(
  db: Db,
  id: string,
): Promise<{ status?: string; reasonCodes?: string[] }> {
  const [row] = await db
    .select({ status: accounts.status, statusReasons: accounts.statusReasons })
    .from(accounts)
    .where(eq(accounts.id, id))
    .limit(1);
  if (!row) return {};
  return {
    status: row.status,
    reasonCodes: row.statusReasons.flatMap((r) => (r.code ? [r.code] : [])),
  };
}
