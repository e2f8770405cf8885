import type { Context } from 'hono';
import type { AppDeps } from '../app-deps.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { markWaitingOnCustomer } from './wait-on-customer.ts';

/**
 * Called after a re-link link was created for an account: its unresolved incident moves to
 * `waiting_on_customer`, audited. The link exists by then, so a failure here is logged, not thrown.
 */
export async function noteRelinkSent(deps: AppDeps, c: Context, accountId: string): Promise<void> {
  try {
    const moved = await markWaitingOnCustomer({ db: deps.database.db, bus: deps.bus }, accountId);
    if (!moved) return;
    await writeAudit(deps.database.db, c, {
      action: 'incident.updated',
      outcome: 'success',
      targetType: 'incident',
      targetId: moved.after.id,
      targetOwner: `${moved.after.originOwnerName} (${moved.after.originOwnerId})`,
      summary: {
        accountId,
        state: { from: moved.before.state, to: moved.after.state },
        because: 're-link link sent',
      },
    });
  } catch (err) {
    console.error(`[incidents] could not mark account ${accountId}'s incident waiting on the customer`, err);
  }
}
