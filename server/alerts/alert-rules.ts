import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import {
  alertAnnouncements,
  alertDeliveries,
  alertDestinations,
  alertIncidentStates,
  incidents,
} from '../db/schema.ts';
import { renderAlertMessage, type AlertIncident } from './alert-message.ts';

/** The database or a transaction on it. */
type Executor = Pick<Db, 'select' | 'insert' | 'update' | 'execute'>;

export interface AlertRuleSettings {
  graceSeconds: number;
  groupThreshold: number;
  publicUrl: string;
}

/**
 * An incident first seen by the rules when it had been open this long is not announced: it is a
 * break from before alerts ran (the first sync of an installation backfills incidents with their
 * historical `openedAt`), not news for the team's channel.
 */
export const BACKFILL_HORIZON_MS = 24 * 3600_000;

/**
 * A list of incident ids as one JSON parameter: a first tick can meet tens of thousands of incidents,
 * past the 65,535 bind parameters of one statement that a row of parameters per id would need.
 */
const idsOf = (ids: readonly string[]) =>
  sql`(select value from json_array_elements_text(${JSON.stringify(ids)}::json))`;

type Row = AlertIncident & { state: string; mutedUntil: string | null };

const columns = {
  id: incidents.id,
  accountId: incidents.accountId,
  provider: incidents.provider,
  originOwnerName: incidents.originOwnerName,
  kind: incidents.kind,
  reasonCode: incidents.reasonCode,
  reasonDescription: incidents.reasonDescription,
  openedAt: incidents.openedAt,
  resolvedAt: incidents.resolvedAt,
  state: incidents.state,
  mutedUntil: incidents.mutedUntil,
};

const ms = (at: string) => Date.parse(at);
const isMuted = (row: Row, at: number) => row.mutedUntil !== null && ms(row.mutedUntil) > at;

/**
 * Splits incidents of one provider, sorted by `at`, into the messages due at `now`: walking from the
 * earliest, once its grace period is over, every incident that happened within one grace period
 * from it is known; as many as the threshold or more make one grouped message, otherwise the
 * earliest goes alone. The rest waits for a later scan.
 */
function dueMessages(
  rows: Row[],
  at: (row: Row) => number,
  now: number,
  settings: AlertRuleSettings,
  dueLater: (dueAt: number) => void,
): { grouped: boolean; incidents: Row[] }[] {
  const graceMs = settings.graceSeconds * 1000;
  const messages: { grouped: boolean; incidents: Row[] }[] = [];
  let i = 0;
  while (i < rows.length) {
    const start = at(rows[i]!);
    if (start + graceMs > now) {
      dueLater(start + graceMs);
      break;
    }
    let end = i;
    while (end < rows.length && at(rows[end]!) <= start + graceMs) end++;
    const window = rows.slice(i, end);
    if (window.length >= settings.groupThreshold) {
      messages.push({ grouped: true, incidents: window });
      i = end;
    } else {
      messages.push({ grouped: false, incidents: [rows[i]!] });
      i++;
    }
  }
  return messages;
}

function byProvider(rows: Row[], at: (row: Row) => number): Row[][] {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const list = groups.get(row.provider) ?? [];
    list.push(row);
    groups.set(row.provider, list);
  }
  return [...groups.values()].map((list) => list.sort((a, b) => at(a) - at(b) || a.id.localeCompare(b.id)));
}

/** Records a message and queues it for every destination there is now; answers its id. */
async function announce(
  tx: Executor,
  kind: 'opened' | 'resolved',
  message: { grouped: boolean; incidents: Row[] },
  publicUrl: string,
): Promise<string> {
  const id = randomUUID();
  const rendered = renderAlertMessage({
    id,
    kind,
    grouped: message.grouped,
    incidents: message.incidents,
    publicUrl,
  });
  await tx.insert(alertAnnouncements).values({
    id,
    kind,
    provider: message.incidents[0]!.provider,
    grouped: message.grouped,
    incidentIds: message.incidents.map((i) => i.id),
    message: rendered,
  });
  await tx.execute(sql`
    insert into ${alertDeliveries} (destination_id, announcement_id)
    select ${alertDestinations.id}, ${id} from ${alertDestinations}`);
  return id;
}

/**
 * Decides, from the incidents table and what was already decided, which messages are due at `now`,
 * and queues them. Run by one process at a time (the caller holds the lock), so an incident is
 * decided once: each decision is written in `alert_incident_states` in the same transaction.
 */
export async function evaluateAlertRules(
  tx: Executor,
  settings: AlertRuleSettings,
  now: number,
): Promise<{ announced: number; nextDueAt: number | null }> {
  let announced = 0;
  // When the earliest message still in its grace period falls due: the caller scans again then
  // rather than at its next regular tick.
  let nextDueAt: number | null = null;
  const dueLater = (dueAt: number) => {
    nextDueAt = nextDueAt === null ? dueAt : Math.min(nextDueAt, dueAt);
  };
  const untracked = (await tx
    .select(columns)
    .from(incidents)
    .leftJoin(alertIncidentStates, eq(alertIncidentStates.incidentId, incidents.id))
    .where(isNull(alertIncidentStates.incidentId))
    .orderBy(asc(incidents.openedAt))) as Row[];

  const skipped: string[] = [];
  const candidates: Row[] = [];
  for (const row of untracked) {
    // Resolved before it was announced: a flap inside the grace period (or while muted).
    if (row.state === 'resolved' || row.resolvedAt !== null) skipped.push(row.id);
    else if (ms(row.openedAt) < now - BACKFILL_HORIZON_MS - settings.graceSeconds * 1000)
      skipped.push(row.id);
    // Muted: left undecided, announced if still broken when the mute ends.
    else if (!isMuted(row, now)) candidates.push(row);
  }
  if (skipped.length > 0) {
    await tx.execute(sql`
      insert into ${alertIncidentStates} (incident_id, open_status, resolve_status)
      select value, 'skipped', 'skipped' from ${idsOf(skipped)} ids
      on conflict do nothing`);
  }

  const openedAt = (row: Row) => ms(row.openedAt);
  for (const rows of byProvider(candidates, openedAt)) {
    for (const message of dueMessages(rows, openedAt, now, settings, dueLater)) {
      const id = await announce(tx, 'opened', message, settings.publicUrl);
      await tx.execute(sql`
        insert into ${alertIncidentStates} (incident_id, open_status, open_announcement_id)
        select value, 'announced', ${id} from ${idsOf(message.incidents.map((i) => i.id))} ids`);
      announced++;
    }
  }

  const resolved = (await tx
    .select(columns)
    .from(incidents)
    .innerJoin(alertIncidentStates, eq(alertIncidentStates.incidentId, incidents.id))
    .where(
      and(
        eq(alertIncidentStates.openStatus, 'announced'),
        isNull(alertIncidentStates.resolveStatus),
        eq(incidents.state, 'resolved'),
      ),
    )) as Row[];
  const resolvedAt = (row: Row) => ms(row.resolvedAt ?? row.openedAt);
  // Muted when it resolved: nothing is sent, as for its other changes.
  const silent = resolved.filter((row) => isMuted(row, resolvedAt(row))).map((row) => row.id);
  if (silent.length > 0) {
    await tx
      .update(alertIncidentStates)
      .set({ resolveStatus: 'skipped', updatedAt: sql`now()` })
      .where(sql`${alertIncidentStates.incidentId} in ${idsOf(silent)}`);
  }
  const toResolve = resolved.filter((row) => !silent.includes(row.id));
  for (const rows of byProvider(toResolve, resolvedAt)) {
    for (const message of dueMessages(rows, resolvedAt, now, settings, dueLater)) {
      const id = await announce(tx, 'resolved', message, settings.publicUrl);
      await tx
        .update(alertIncidentStates)
        .set({ resolveStatus: 'announced', resolveAnnouncementId: id, updatedAt: sql`now()` })
        .where(sql`${alertIncidentStates.incidentId} in ${idsOf(message.incidents.map((i) => i.id))}`);
      announced++;
    }
  }
  return { announced, nextDueAt };
}
