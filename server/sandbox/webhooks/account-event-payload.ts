import { PROJECT_ID, type AccountEvent, type AccountEventName, type AccountStatus } from '../model.ts';

/** The JSON body of an account webhook: flat and snake_case, as recommended in stackone-api.md §8. */
export interface AccountEventPayload {
  event: AccountEventName;
  account_id: string;
  provider: string;
  origin_owner_id: string;
  origin_owner_name: string;
  origin_username: string | null;
  project_id: string;
  /** When the account changed. */
  event_date: string;
  /** When the delivery was first attempted; retries resend the same bytes, so it does not change. */
  sent_at: string;
  status: AccountStatus;
  label: string | null;
}

export function accountEventPayload(event: AccountEvent, sentAt: Date): AccountEventPayload {
  const { account } = event;
  return {
    event: event.event,
    account_id: account.id,
    provider: account.provider,
    origin_owner_id: account.origin_owner_id,
    origin_owner_name: account.origin_owner_name,
    origin_username: account.origin_username,
    project_id: PROJECT_ID,
    event_date: event.at,
    sent_at: sentAt.toISOString(),
    status: account.status,
    label: account.label,
  };
}

/**
 * The `bare-webhooks` dialect: only what StackOne's receiver example is sure of. Two events of one
 * kind for one account are then byte-identical, so a receiver that deduplicates on the body drops
 * the second (issue 9).
 */
export function bareAccountEventPayload(
  event: AccountEvent,
): Pick<AccountEventPayload, 'event' | 'account_id'> {
  return { event: event.event, account_id: event.account.id };
}
