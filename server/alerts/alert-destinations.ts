import { randomBytes, randomUUID } from 'node:crypto';
import { desc, eq, sql } from 'drizzle-orm';
import type {
  AlertDelivery,
  AlertDestination,
  CreateAlertDestinationRequest,
  CreatedAlertDestination,
} from '../../shared/schemas/alerts.ts';
import type { Db } from '../db/client.ts';
import { alertAnnouncements, alertDeliveries, alertDestinations } from '../db/schema.ts';
import { AppError } from '../http/app-error.ts';

type DestinationRow = typeof alertDestinations.$inferSelect;

/** Only the origin: a Slack webhook's path is its secret, and a webhook's path may hold a token. */
export function maskUrl(url: string | null): string | null {
  if (!url) return null;
  return `${new URL(url).origin}/…`;
}

const LAST_DELIVERY_LIMIT = 200;

function toDestination(
  row: DestinationRow,
  lastDelivery: AlertDestination['lastDelivery'] = null,
): AlertDestination {
  return {
    id: row.id,
    type: row.type as AlertDestination['type'],
    name: row.name,
    maskedUrl: maskUrl(row.url),
    addresses: row.addresses ?? null,
    createdAt: new Date(row.createdAt).toISOString(),
    lastDelivery,
  };
}

export async function listAlertDestinations(db: Db): Promise<AlertDestination[]> {
  const rows = await db
    .select()
    .from(alertDestinations)
    .orderBy(alertDestinations.createdAt, alertDestinations.id);
  const last = (await db.execute(sql`
    select distinct on (destination_id) destination_id, status,
      coalesce(finished_at, created_at) as at
    from ${alertDeliveries}
    order by destination_id, id desc`)) as unknown as {
    rows: { destination_id: string; status: string; at: string }[];
  };
  const byDestination = new Map(
    last.rows.map((r) => [
      r.destination_id,
      { status: r.status as AlertDelivery['status'], at: new Date(r.at).toISOString() },
    ]),
  );
  return rows.map((r) => toDestination(r, byDestination.get(r.id) ?? null));
}

export async function getAlertDestination(db: Db, id: string): Promise<DestinationRow> {
  const [row] = await db.select().from(alertDestinations).where(eq(alertDestinations.id, id)).limit(1);
  if (!row) throw new AppError('not_found', `No alert destination ${id}`);
  return row;
}

export async function createAlertDestination(
  db: Db,
  input: CreateAlertDestinationRequest,
  createdBy: string | null,
): Promise<CreatedAlertDestination> {
  const secret = input.type === 'webhook' ? `whsec_${randomBytes(32).toString('base64url')}` : null;
  const [row] = await db
    .insert(alertDestinations)
    .values({
      id: randomUUID(),
      type: input.type,
      name: input.name,
      url: input.type === 'email' ? null : input.url,
      addresses: input.type === 'email' ? input.addresses.map((a) => a.toLowerCase()) : null,
      secret,
      createdBy,
    })
    .returning();
  return { ...toDestination(row!), url: row!.url, secret };
}

/** Its pending deliveries go with it (they would have nowhere to go). */
export async function deleteAlertDestination(db: Db, id: string): Promise<DestinationRow> {
  const [row] = await db.delete(alertDestinations).where(eq(alertDestinations.id, id)).returning();
  if (!row) throw new AppError('not_found', `No alert destination ${id}`);
  return row;
}

export async function listAlertDeliveries(db: Db, destinationId: string): Promise<AlertDelivery[]> {
  await getAlertDestination(db, destinationId);
  const rows = await db
    .select({
      id: alertDeliveries.id,
      announcementId: alertDeliveries.announcementId,
      kind: alertAnnouncements.kind,
      message: alertAnnouncements.message,
      status: alertDeliveries.status,
      attempts: alertDeliveries.attempts,
      error: alertDeliveries.error,
      responseStatus: alertDeliveries.responseStatus,
      createdAt: alertDeliveries.createdAt,
      finishedAt: alertDeliveries.finishedAt,
      nextAttemptAt: alertDeliveries.nextAttemptAt,
    })
    .from(alertDeliveries)
    .innerJoin(alertAnnouncements, eq(alertAnnouncements.id, alertDeliveries.announcementId))
    .where(eq(alertDeliveries.destinationId, destinationId))
    .orderBy(desc(alertDeliveries.id))
    .limit(LAST_DELIVERY_LIMIT);
  return rows.map((r) => ({
    id: r.id,
    announcementId: r.announcementId,
    kind: r.kind as AlertDelivery['kind'],
    title: typeof r.message.title === 'string' ? r.message.title : '',
    status: r.status as AlertDelivery['status'],
    attempts: r.attempts,
    error: r.error,
    responseStatus: r.responseStatus,
    createdAt: new Date(r.createdAt).toISOString(),
    finishedAt: r.finishedAt ? new Date(r.finishedAt).toISOString() : null,
    nextAttemptAt: r.status === 'pending' ? new Date(r.nextAttemptAt).toISOString() : null,
  }));
}
