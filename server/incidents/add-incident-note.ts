import { sql } from 'drizzle-orm';
import type { IncidentNote } from '../../shared/schemas/incident.ts';
import { findIncident } from './find-incident.ts';
import { iso, rowsOf } from './incident-view.ts';
import { publishIncident, type IncidentDeps } from './update-incident.ts';

/** Adds a note (kept forever, resolved incidents included) and counts it on the incident. */
export async function addIncidentNote(
  deps: IncidentDeps,
  id: string,
  author: { id: string; email: string },
  body: string,
): Promise<IncidentNote> {
  const { note, incident } = await deps.db.transaction(async (tx) => {
    const incident = await findIncident(tx, id, true);
    const result = await tx.execute(sql`
      insert into incident_notes (incident_id, author_id, author_email, body)
      values (${id}, ${author.id}, ${author.email}, ${body})
      returning id, created_at`);
    await tx.execute(
      sql`update incidents set note_count = note_count + 1, updated_at = now() where id = ${id}`,
    );
    const [row] = rowsOf<{ id: number | string; created_at: string | Date }>(result);
    const note: IncidentNote = {
      id: Number(row!.id),
      body,
      author: { id: author.id, email: author.email },
      createdAt: iso(row!.created_at),
    };
    return { note, incident };
  });
  await publishIncident(deps.bus, incident, 'noted');
  return note;
}
