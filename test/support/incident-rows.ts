import { randomUUID } from 'node:crypto';
import type { Db } from '../../server/db/client.ts';
import { accountStatusHistory, incidents, type StatusReasonRow } from '../../server/db/schema.ts';

/**
 * Rows of `incidents` and `account_status_history` written straight into a test console's database,
 * for readers of those tables (the overview) tested apart from the account writer that fills them.
 */
export interface IncidentRowInput {
  accountId: string;
  provider: string;
  kind?: 'error' | 'inactive';
  state?: 'open' | 'acknowledged' | 'waiting_on_customer' | 'resolved';
  reasonCode?: string | null;
  openedAt: Date;
  /** Default: resolvedAt, else openedAt. */
  lastSeenAt?: Date;
  resolvedAt?: Date | null;
  originOwnerId?: string;
  originOwnerName?: string;
  label?: string | null;
  assigneeId?: string | null;
}

export async function insertIncidents(db: Db, rows: readonly IncidentRowInput[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(incidents).values(
    rows.map((r) => {
      const resolvedAt = r.resolvedAt ?? null;
      return {
        id: `inc_${randomUUID()}`,
        accountId: r.accountId,
        provider: r.provider,
        originOwnerId: r.originOwnerId ?? 'cust_test',
        originOwnerName: r.originOwnerName ?? 'Test Customer',
        label: r.label ?? null,
        assigneeId: r.assigneeId ?? null,
        kind: r.kind ?? 'error',
        state: r.state ?? (resolvedAt ? 'resolved' : 'open'),
        reasonCode: r.reasonCode ?? null,
        openedAt: r.openedAt.toISOString(),
        lastSeenAt: (r.lastSeenAt ?? resolvedAt ?? r.openedAt).toISOString(),
        resolvedAt: resolvedAt?.toISOString() ?? null,
        resolution: resolvedAt ? 'active' : null,
      };
    }),
  );
}

export interface HistoryRowInput {
  accountId: string;
  provider?: string;
  from: string | null;
  to: string;
  at: Date;
  source?: 'sync' | 'webhook' | 'detail' | 'mutation' | 'baseline';
  statusReasons?: StatusReasonRow[];
}

export async function insertStatusHistory(db: Db, rows: readonly HistoryRowInput[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(accountStatusHistory).values(
    rows.map((r) => ({
      accountId: r.accountId,
      provider: r.provider ?? 'test_provider',
      fromStatus: r.from,
      toStatus: r.to,
      statusReasons: r.statusReasons ?? [],
      observedAt: r.at.toISOString(),
      source: r.source ?? (r.from === null ? 'baseline' : 'sync'),
    })),
  );
}

export async function clearIncidentRows(db: Db): Promise<void> {
  await db.delete(incidents);
  await db.delete(accountStatusHistory);
}
