import { sql } from 'drizzle-orm';
import type { Incident } from '../../shared/schemas/incident.ts';
import { findOpenIncident } from './find-incident.ts';
import { publishIncident, type IncidentDeps } from './update-incident.ts';

/**
 * A re-link link was sent for the account: its unresolved incident now waits on the customer. Resolves
 * with the incident as it was before, or null when the account has none or it already waited.
 */
export async function markWaitingOnCustomer(
  deps: IncidentDeps,
  accountId: string,
): Promise<{ before: Incident; after: Incident } | null> {
  const before = await findOpenIncident(deps.db, accountId);
  if (!before || before.state === 'waiting_on_customer') return null;
  await deps.db.execute(sql`
    update incidents set state = 'waiting_on_customer', updated_at = now()
    where id = ${before.id} and state not in ('resolved', 'waiting_on_customer')`);
  const after = { ...before, state: 'waiting_on_customer' as const };
  await publishIncident(deps.bus, after, 'updated');
  return { before, after };
}
