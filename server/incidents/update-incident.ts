import { sql } from 'drizzle-orm';
import type { Incident, IncidentPatch } from '../../shared/schemas/incident.ts';
import type { Db } from '../db/client.ts';
import type { EventBus } from '../events/event-bus.ts';
import { AppError } from '../http/app-error.ts';
import { findIncident } from './find-incident.ts';
import { rowsOf } from './incident-view.ts';

export interface IncidentDeps {
  db: Db;
  bus: EventBus;
}

/** What a change did, for its audit row: each field that changed, from → to. */
export type IncidentChanges = Record<string, { from: unknown; to: unknown }>;

async function assertAssignable(db: Pick<Db, 'execute'>, userId: string): Promise<void> {
  const result = await db.execute(sql`select disabled from auth_users where id = ${userId}`);
  const [user] = rowsOf<{ disabled: boolean }>(result);
  if (!user || user.disabled)
    throw new AppError('bad_request', 'The assignee must be an active console user', {
      fields: { assigneeId: user ? 'This user is disabled' : 'No console user with this id' },
    });
}

export async function publishIncident(
  bus: EventBus,
  incident: Pick<Incident, 'id' | 'accountId' | 'state'>,
  change: 'updated' | 'noted',
): Promise<void> {
  try {
    await bus.publish({
      type: 'incident.changed',
      incidentId: incident.id,
      accountId: incident.accountId,
      change,
      state: incident.state,
      at: new Date().toISOString(),
    });
  } catch (err) {
    console.error('[incidents] could not publish a change', err);
  }
}

/**
 * Works an incident: its state (never `resolved`: that follows the account), assignee and mute. A
 * resolved incident is history and cannot change (409). Resolves with the incident after the change
 * and what changed; publishes `incident.changed` when something did.
 */
export async function updateIncident(
  deps: IncidentDeps,
  id: string,
  patch: IncidentPatch,
): Promise<{ incident: Incident; changes: IncidentChanges }> {
  const { incident, changes } = await deps.db.transaction(async (tx) => {
    const before = await findIncident(tx, id, true);
    if (before.state === 'resolved')
      throw new AppError('conflict', `Incident ${id} is resolved: it can no longer change`);
    if (patch.assigneeId) await assertAssignable(tx, patch.assigneeId);
    const changes: IncidentChanges = {};
    if (patch.state !== undefined && patch.state !== before.state)
      changes.state = { from: before.state, to: patch.state };
    if (patch.assigneeId !== undefined && patch.assigneeId !== (before.assignee?.id ?? null))
      changes.assigneeId = { from: before.assignee?.id ?? null, to: patch.assigneeId };
    const mutedUntil =
      patch.mutedUntil === undefined
        ? undefined
        : patch.mutedUntil && new Date(patch.mutedUntil).toISOString();
    if (mutedUntil !== undefined && mutedUntil !== before.mutedUntil)
      changes.mutedUntil = { from: before.mutedUntil, to: mutedUntil };
    if (!Object.keys(changes).length) return { incident: before, changes };
    await tx.execute(sql`
      update incidents set
        state = ${changes.state ? patch.state! : before.state},
        assignee_id = ${changes.assigneeId ? (patch.assigneeId ?? null) : (before.assignee?.id ?? null)},
        muted_until = ${changes.mutedUntil ? (mutedUntil ?? null) : before.mutedUntil}::timestamptz,
        updated_at = now()
      where id = ${id}`);
    return { incident: await findIncident(tx, id), changes };
  });
  if (Object.keys(changes).length) await publishIncident(deps.bus, incident, 'updated');
  return { incident, changes };
}
