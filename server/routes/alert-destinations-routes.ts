import { Hono } from 'hono';
import {
  AlertDestinationIdParamSchema,
  CreateAlertDestinationRequestSchema,
  type AlertDeliveryList,
  type AlertDestinationList,
} from '../../shared/schemas/alerts.ts';
import {
  createAlertDestination,
  deleteAlertDestination,
  listAlertDeliveries,
  listAlertDestinations,
} from '../alerts/alert-destinations.ts';
import type { AppDeps } from '../app-deps.ts';
import { audited } from '../audit/audited.ts';
import { requirePermission } from '../auth/session-middleware.ts';
import { validate } from '../http/validate.ts';

export function alertDestinationsRoutes(deps: AppDeps) {
  const { db } = deps.database;
  return new Hono()
    .get('/', requirePermission('alerts:manage'), async (c) =>
      c.json({ items: await listAlertDestinations(db) } satisfies AlertDestinationList, 200),
    )
    .post(
      '/',
      requirePermission('alerts:manage'),
      validate('json', CreateAlertDestinationRequestSchema),
      async (c) => {
        const input = c.req.valid('json');
        const created = await audited(
          db,
          c,
          {
            action: 'alert_destination.created',
            targetType: 'alert_destination',
            // Never the URL: a Slack webhook URL is a credential.
            summary: { type: input.type, name: input.name },
            summarize: (d) => ({ destinationId: d.id }),
          },
          () => createAlertDestination(db, input, c.get('actor').id),
        );
        return c.json(created, 201);
      },
    )
    .delete(
      '/:id',
      requirePermission('alerts:manage'),
      validate('param', AlertDestinationIdParamSchema),
      async (c) => {
        const { id } = c.req.valid('param');
        await audited(
          db,
          c,
          { action: 'alert_destination.deleted', targetType: 'alert_destination', targetId: id },
          () => deleteAlertDestination(db, id),
        );
        return c.json({ id }, 200);
      },
    )
    .post(
      '/:id/test',
      requirePermission('alerts:manage'),
      validate('param', AlertDestinationIdParamSchema),
      async (c) => {
        const { id } = c.req.valid('param');
        const delivery = await audited(
          db,
          c,
          { action: 'alert_destination.tested', targetType: 'alert_destination', targetId: id },
          () => deps.alerts.sendTest(id),
        );
        return c.json({ delivery }, 202);
      },
    )
    .get(
      '/:id/deliveries',
      requirePermission('alerts:manage'),
      validate('param', AlertDestinationIdParamSchema),
      async (c) =>
        c.json(
          { items: await listAlertDeliveries(db, c.req.valid('param').id) } satisfies AlertDeliveryList,
          200,
        ),
    );
}
