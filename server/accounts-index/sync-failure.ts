import { isDatabaseError } from '../db/database-error.ts';
import { AppError } from '../http/app-error.ts';

/**
 * The error a failed sync records and every role sees. An upstream failure says what StackOne
 * answered; anything else is logged here in full and only named there: a failed page write's message
 * holds the whole statement with the values of a page of customer accounts.
 */
export function syncFailureMessage(err: unknown): string {
  if (err instanceof AppError) return err.message;
  console.error('[sync] full sync failed', err);
  return isDatabaseError(err)
    ? 'A database error stopped the sync (details in the server log)'
    : 'An internal error stopped the sync (details in the server log)';
}
