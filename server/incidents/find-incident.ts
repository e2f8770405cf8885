import { sql } from 'drizzle-orm';
import type { Incident } from '../../shared/schemas/incident.ts';
import type { Db } from '../db/client.ts';
import { AppError } from '../http/app-error.ts';
import { INCIDENT_COLUMNS, incidentView, rowsOf, type IncidentRecord } from './incident-view.ts';

type Reader = Pick<Db, 'execute'>;

/** One incident with its assignee, or a 404. `forUpdate` locks it (inside a transaction). */
export async function findIncident(db: Reader, id: string, forUpdate = false): Promise<Incident> {
  const result = await db.execute(sql`
    select ${INCIDENT_COLUMNS} from incidents i left join auth_users u on u.id = i.assignee_id
    where i.id = ${id} ${forUpdate ? sql`for update of i` : sql``}`);
  const [row] = rowsOf<IncidentRecord>(result);
  if (!row) throw new AppError('not_found', `No incident with id ${id}`);
  return incidentView(row);
}

/** The account's unresolved incident, or null. */
export async function findOpenIncident(db: Reader, accountId: string): Promise<Incident | null> {
  const result = await db.execute(sql`
    select ${INCIDENT_COLUMNS} from incidents i left join auth_users u on u.id = i.assignee_id
    where i.account_id = ${accountId} and i.state <> 'resolved'`);
  const [row] = rowsOf<IncidentRecord>(result);
  return row ? incidentView(row) : null;
}
