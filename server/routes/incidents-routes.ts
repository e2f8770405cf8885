import { Hono } from 'hono';
import {
  IncidentIdParamSchema,
  IncidentListQuerySchema,
  IncidentNoteInputSchema,
  IncidentPatchSchema,
} from '../../shared/schemas/incident.ts';
import type { AppDeps } from '../app-deps.ts';
import { audited } from '../audit/audited.ts';
import { requirePermission } from '../auth/session-middleware.ts';
import { validate } from '../http/validate.ts';
import { addIncidentNote } from '../incidents/add-incident-note.ts';
import { findIncident } from '../incidents/find-incident.ts';
import { getIncidentDetail } from '../incidents/incident-detail.ts';
import { listIncidents } from '../incidents/list-incidents.ts';
import { updateIncident } from '../incidents/update-incident.ts';

export function incidentsRoutes(deps: AppDeps) {
  const { db } = deps.database;
  const incidentDeps = { db, bus: deps.bus };
  /** The audit row's target: the incident, named by its customer. */
  const target = async (id: string) => {
    const incident = await findIncident(db, id);
    return {
      targetType: 'incident' as const,
      targetId: id,
      targetOwner: `${incident.originOwnerName} (${incident.originOwnerId})`,
      accountId: incident.accountId,
    };
  };
  return new Hono()
    .get('/', requirePermission('incidents:read'), validate('query', IncidentListQuerySchema), async (c) => {
      return c.json(await listIncidents(db, c.req.valid('query'), c.get('actor').id), 200);
    })
    .get('/:id', requirePermission('incidents:read'), validate('param', IncidentIdParamSchema), async (c) => {
      return c.json(await getIncidentDetail(db, c.req.valid('param').id), 200);
    })
    .patch(
      '/:id',
      requirePermission('incidents:act'),
      validate('param', IncidentIdParamSchema),
      validate('json', IncidentPatchSchema),
      async (c) => {
        const { id } = c.req.valid('param');
        const patch = c.req.valid('json');
        const { accountId, ...on } = await target(id);
        const { incident } = await audited(
          db,
          c,
          {
            action: 'incident.updated',
            ...on,
            summary: { accountId, ...patch },
            summarize: ({ changes }) => ({ accountId, changes }),
          },
          () => updateIncident(incidentDeps, id, patch),
        );
        return c.json(incident, 200);
      },
    )
    .post(
      '/:id/notes',
      requirePermission('incidents:act'),
      validate('param', IncidentIdParamSchema),
      validate('json', IncidentNoteInputSchema),
      async (c) => {
        const { id } = c.req.valid('param');
        const { body } = c.req.valid('json');
        const actor = c.get('actor');
        const { accountId, ...on } = await target(id);
        const note = await audited(
          db,
          c,
          { action: 'incident.note_added', ...on, summary: { accountId, length: body.length } },
          () => addIncidentNote(incidentDeps, id, { id: actor.id, email: actor.email }, body),
        );
        return c.json(note, 201);
      },
    );
}
