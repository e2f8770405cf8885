import type { Db } from '../db/client.ts';

export interface AccountWebhookEvent {
  id: number;
  event: string;
  receivedAt: string;
  outcome: string;
  payload: Record<string, unknown>;
}

/** STUB — the stored webhook events of one account, newest first (for the account timeline). */
export async function listAccountWebhookEvents(
  _db: Db,
  _accountId: string,
  _limit = 100,
): Promise<AccountWebhookEvent[]> {
  return [];
}
