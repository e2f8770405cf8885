import { sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { TimelineEntry } from '../../shared/schemas/account-detail.ts';
import { webhookEvents } from '../db/schema.ts';

/** One stored webhook event as `accountWebhookEventsJson` answers it. */
interface WebhookEventJson {
  event: string;
  receivedAt: string;
  outcome: string;
  payload: Record<string, unknown>;
}

/**
 * The stored webhook events of one account, newest first, as a json array: a column of a larger
 * select, so that the account page reads its index row and timeline in one round trip.
 */
export function accountWebhookEventsJson(accountId: string | Placeholder, limit = 100): SQL<WebhookEventJson[]> {
  const e = webhookEvents;
  return sql<WebhookEventJson[]>`(select coalesce(json_agg(json_build_object(
      'event', t.event, 'receivedAt', t.received_at, 'outcome', t.outcome, 'payload', t.payload
    ) order by t.received_at desc, t.id desc), '[]'::json)
    from (select ${e.id} as id, ${e.event} as event, ${e.receivedAt} as received_at,
        ${e.outcome} as outcome, ${e.payload} as payload
      from ${e} where ${e.accountId} = ${accountId}
      order by ${e.receivedAt} desc, ${e.id} desc limit ${limit}) t)`;
}

/** As timeline entries (StackOne as the actor). */
export const webhookTimelineEntries = (events: WebhookEventJson[]): TimelineEntry[] =>
  events.map((e) => ({
    kind: 'webhook' as const,
    at: new Date(e.receivedAt).toISOString(),
    action: e.event,
    actor: 'StackOne',
    outcome: e.outcome,
    detail: e.payload,
  }));
