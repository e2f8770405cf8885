import { desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { webhookEvents } from '../db/schema.ts';

export interface AccountWebhookEvent {
  id: number;
  event: string;
  receivedAt: string;
  outcome: string;
  payload: Record<string, unknown>;
}

/** The stored webhook events of one account, newest first (for the account timeline). */
export async function listAccountWebhookEvents(
  db: Db,
  accountId: string,
  limit = 100,
): Promise<AccountWebhookEvent[]> {
  const rows = await db
    .select({
      id: webhookEvents.id,
      event: webhookEvents.event,
      receivedAt: webhookEvents.receivedAt,
      outcome: webhookEvents.outcome,
      payload: webhookEvents.payload,
    })
    .from(webhookEvents)
    .where(eq(webhookEvents.accountId, accountId))
    .orderBy(desc(webhookEvents.receivedAt), desc(webhookEvents.id))
    .limit(limit);
  return rows.map((r) => ({ ...r, receivedAt: new Date(r.receivedAt).toISOString() }));
}
