import { Hono } from 'hono';
import {
  SavedViewCreateSchema,
  SavedViewIdParamSchema,
  SavedViewPatchSchema,
  type SavedViewList,
} from '../../shared/schemas/saved-views.ts';
import type { AppDeps } from '../app-deps.ts';
import { audited } from '../audit/audited.ts';
import { requirePermission } from '../auth/session-middleware.ts';
import { validate } from '../http/validate.ts';
import {
  createSavedView,
  deleteSavedView,
  getSavedView,
  listSavedViews,
  updateSavedView,
} from '../views/saved-views.ts';

/**
 * `/api/views`: saved views of the accounts table. Everyone who reads accounts keeps their own; who
 * may change which view is decided per view (server/views/saved-views.ts), not by the route.
 */
export function viewsRoutes(deps: AppDeps) {
  const { db } = deps.database;
  return new Hono()
    .get('/', requirePermission('accounts:read'), async (c) =>
      c.json({ items: await listSavedViews(db, c.get('actor')) } satisfies SavedViewList, 200),
    )
    .get('/:id', requirePermission('accounts:read'), validate('param', SavedViewIdParamSchema), async (c) =>
      c.json(await getSavedView(db, c.get('actor'), c.req.valid('param').id), 200),
    )
    .post('/', requirePermission('accounts:read'), validate('json', SavedViewCreateSchema), async (c) => {
      const input = c.req.valid('json');
      const created = await audited(
        db,
        c,
        {
          action: 'view.created',
          targetType: 'view',
          summary: { name: input.name, shared: input.shared, search: input.search },
          summarize: (v) => ({ viewId: v.id }),
        },
        () => createSavedView(db, c.get('actor'), input),
      );
      return c.json(created, 201);
    })
    .patch(
      '/:id',
      requirePermission('accounts:read'),
      validate('param', SavedViewIdParamSchema),
      validate('json', SavedViewPatchSchema),
      async (c) => {
        const { id } = c.req.valid('param');
        const patch = c.req.valid('json');
        const updated = await audited(
          db,
          c,
          { action: 'view.updated', targetType: 'view', targetId: id, summary: patch },
          () => updateSavedView(db, c.get('actor'), id, patch),
        );
        return c.json(updated, 200);
      },
    )
    .delete(
      '/:id',
      requirePermission('accounts:read'),
      validate('param', SavedViewIdParamSchema),
      async (c) => {
        const { id } = c.req.valid('param');
        const deleted = await audited(
          db,
          c,
          {
            action: 'view.deleted',
            targetType: 'view',
            targetId: id,
            summarize: (v) => ({ name: v.name, ownerId: v.ownerId }),
          },
          () => deleteSavedView(db, c.get('actor'), id),
        );
        return c.json(deleted, 200);
      },
    );
}
