import type { Account } from '../../shared/schemas/account.ts';
import type { accounts } from '../db/schema.ts';
import type { UpstreamLinkedAccount } from '../stackone/upstream-schemas.ts';
import { searchTextOf } from './search-text.ts';

export type AccountRow = typeof accounts.$inferSelect;
export type AccountRowInput = typeof accounts.$inferInsert;

const iso = (s: string) => new Date(s).toISOString();
/** Postgres text and jsonb cannot hold NUL: one such character upstream must not fail a whole sync. */
const text = (s: string) => s.replaceAll('\u0000', '');
const textOrNull = (s: string | null | undefined) => (s == null ? null : text(s));

/** StackOne's LinkedAccount → an index row (without the bookkeeping timestamps). */
export function rowFromUpstream(a: UpstreamLinkedAccount): Omit<AccountRowInput, 'syncedAt' | 'lastEventAt'> {
  const base = {
    id: a.id,
    provider: text(a.provider),
    providerName: textOrNull(a.provider_name),
    status: text(a.status),
    statusReasons: (a.status_reasons ?? []).map((r) => ({
      code: textOrNull(r.code),
      description: textOrNull(r.description),
      timestamp: iso(r.timestamp),
    })),
    originOwnerId: text(a.origin_owner_id),
    originOwnerName: text(a.origin_owner_name),
    originUsername: textOrNull(a.origin_username),
    label: textOrNull(a.label),
    type: textOrNull(a.type),
    createdAt: iso(a.created_at),
    updatedAt: iso(a.updated_at),
    deletedAt: null,
  };
  return { ...base, searchText: searchTextOf(base) };
}

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
