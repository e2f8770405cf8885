import type { Account } from '../../shared/schemas/account.ts';
import { getTableColumns } from 'drizzle-orm';
import { accounts } from '../db/schema.ts';
import type { UpstreamLinkedAccount } from '../stackone/upstream-schemas.ts';
import { safeText, safeTextOrNull } from '../http/pg-safe-text.ts';
import { searchTextOf } from './search-text.ts';

export type AccountRow = typeof accounts.$inferSelect;
export type AccountRowInput = typeof accounts.$inferInsert;

const iso = (s: string) => new Date(s).toISOString();

/**
 * StackOne's LinkedAccount → an index row (without the bookkeeping timestamps). Its text is made safe
 * for Postgres here: one NUL or lone surrogate upstream must not fail a whole page of the sync.
 */
export function rowFromUpstream(a: UpstreamLinkedAccount): Omit<AccountRowInput, 'syncedAt' | 'lastEventAt'> {
  const base = {
    id: a.id,
    provider: safeText(a.provider),
    providerName: safeTextOrNull(a.provider_name),
    status: safeText(a.status),
    statusReasons: (a.status_reasons ?? []).map((r) => ({
      code: safeTextOrNull(r.code),
      description: safeTextOrNull(r.description),
      timestamp: iso(r.timestamp),
    })),
    originOwnerId: safeText(a.origin_owner_id),
    originOwnerName: safeText(a.origin_owner_name),
    originUsername: safeTextOrNull(a.origin_username),
    label: safeTextOrNull(a.label),
    type: safeTextOrNull(a.type),
    createdAt: iso(a.created_at),
    updatedAt: iso(a.updated_at),
    deletedAt: null,
  };
  return { ...base, searchText: searchTextOf(base) };
}

const columns = Object.entries(getTableColumns(accounts));

/** A row as Postgres's `to_json` writes it (column names, timestamps as ISO text) → an index row. */
export const accountRowFromJson = (json: Record<string, unknown>) =>
  Object.fromEntries(columns.map(([key, column]) => [key, json[column.name] ?? null])) as AccountRow;

const isoOrNull = (s: string | null) => (s ? new Date(s).toISOString() : null);

/** An index row → the console's account view. */
export function accountView(row: AccountRow): Account {
  return {
    id: row.id,
    provider: row.provider,
    providerName: row.providerName,
    status: row.status,
    statusReasons: row.statusReasons,
    originOwnerId: row.originOwnerId,
    originOwnerName: row.originOwnerName,
    originUsername: row.originUsername,
    label: row.label,
    type: row.type,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
    deletedAt: isoOrNull(row.deletedAt),
    syncedAt: isoOrNull(row.syncedAt),
    lastEventAt: isoOrNull(row.lastEventAt),
  };
}
