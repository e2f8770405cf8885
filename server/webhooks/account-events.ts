import type { TimelineEntry } from '../../shared/schemas/account-detail.ts';

/** One stored webhook event as `accountWebhookEventsJson` answers it. */
export interface WebhookEventJson {
  event: string;
  receivedAt: string;
  outcome: string;
  payload: Record<string, unknown>;
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
