import { and, count, desc, eq, gte, ilike, lte, or, type SQL } from 'drizzle-orm';
import type { AuditEntry, AuditQuery } from '../../shared/schemas/audit.ts';
import { escapeLike } from '../accounts-index/search-text.ts';
import type { Db } from '../db/client.ts';
import { auditLog } from '../db/schema.ts';
import { csvCell } from '../http/csv-cell.ts';

type AuditRow = typeof auditLog.$inferSelect;

export const auditView = (row: AuditRow): AuditEntry => ({
  id: row.id,
  at: new Date(row.at).toISOString(),
  actorId: row.actorId,
  actorEmail: row.actorEmail,
  actorRole: row.actorRole,
  action: row.action,
  targetType: row.targetType,
  targetId: row.targetId,
  targetOwner: row.targetOwner,
  summary: row.summary,
  outcome: row.outcome as AuditEntry['outcome'],
  upstreamStatus: row.upstreamStatus,
  ip: row.ip,
  userAgent: row.userAgent,
});

function conditions(query: Omit<AuditQuery, 'page' | 'pageSize'>): SQL | undefined {
  const parts: (SQL | undefined)[] = [];
  if (query.actor)
    parts.push(
      or(ilike(auditLog.actorEmail, `%${escapeLike(query.actor)}%`), eq(auditLog.actorId, query.actor)),
    );
  if (query.action) parts.push(eq(auditLog.action, query.action));
  if (query.accountId) parts.push(eq(auditLog.targetId, query.accountId));
  if (query.from) parts.push(gte(auditLog.at, new Date(query.from).toISOString()));
  // Rows are stored to the microsecond but shown to the millisecond: `to` takes in its whole millisecond,
  // so the row whose time the user copied is included (up to its last microsecond, rather than before
  // the next millisecond, which is past the year 9999 for the last one).
  if (query.to) parts.push(lte(auditLog.at, new Date(query.to).toISOString().replace(/Z$/, '999Z')));
  return and(...parts);
}

export async function listAudit(db: Db, query: AuditQuery) {
  const where = conditions(query);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: count() }).from(auditLog).where(where),
  ]);
  return {
    items: rows.map(auditView),
    total: Number(total?.n ?? 0),
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Every matching row, newest first, in pages so a large export never loads all at once. */
export async function* iterateAudit(
  db: Db,
  query: Omit<AuditQuery, 'page' | 'pageSize'>,
): AsyncGenerator<AuditEntry> {
  const where = conditions(query);
  const size = 1000;
  for (let offset = 0; ; offset += size) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(size)
      .offset(offset);
    for (const row of rows) yield auditView(row);
    if (rows.length < size) return;
  }
}

const CSV_COLUMNS: (keyof AuditEntry)[] = [
  'at',
  'actorEmail',
  'actorRole',
  'action',
  'targetType',
  'targetId',
  'targetOwner',
  'outcome',
  'upstreamStatus',
  'ip',
  'userAgent',
  'summary',
];

export const auditCsvHeader = () => CSV_COLUMNS.join(',') + '\r\n';
export const auditCsvLine = (entry: AuditEntry) =>
  CSV_COLUMNS.map((k) => csvCell(entry[k])).join(',') + '\r\n';
