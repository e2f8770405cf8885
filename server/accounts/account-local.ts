import { getTableColumns, sql } from 'drizzle-orm';
import type { AccountRow } from '../accounts-index/account-row.ts';
import { auditTimelineEntries, type AuditJson } from '../audit/account-audit.ts';
import type { Db } from '../db/client.ts';
import { accounts } from '../db/schema.ts';
import { webhookTimelineEntries, type WebhookEventJson } from '../webhooks/account-events.ts';
import type { LocalAccount } from './account-reads.ts';

interface AccountPageLocal {
  /** The row as `to_json` writes it: column names, timestamps as ISO strings. */
  row: Record<string, unknown>;
  events: WebhookEventJson[];
  audit: AuditJson[];
}

const columns = Object.entries(getTableColumns(accounts));

/** A row as `to_json` wrote it → the row drizzle would have read (every column, by property name). */
const rowFromJson = (json: Record<string, unknown>) =>
  Object.fromEntries(columns.map(([key, column]) => [key, json[column.name] ?? null])) as AccountRow;

/**
 * The index row with its timeline, newest first, in one call of `account_page_local` (migration 0003;
 * it keeps its query plan, which planning anew each time cost several times the read); none when the
 * account is not indexed.
 */
export async function readLocalAccount(db: Db, id: string): Promise<LocalAccount | null> {
  const result = (await db.execute(sql`select account_page_local(${id}) as local`)) as {
    rows: { local: AccountPageLocal | null }[];
  };
  const local = result.rows[0]?.local;
  if (!local) return null;
  const timeline = [...webhookTimelineEntries(local.events), ...auditTimelineEntries(local.audit)].sort(
    (a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0),
  );
  return { row: rowFromJson(local.row), timeline };
}
