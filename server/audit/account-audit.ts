import type { TimelineEntry } from '../../shared/schemas/account-detail.ts';
import type { Db } from '../db/client.ts';

/** STUB until sign-in lands: the audit entries of one account for its timeline. */
export async function listAccountAuditEntries(_db: Db, _accountId: string): Promise<TimelineEntry[]> {
  return [];
}
