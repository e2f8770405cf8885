import { randomUUID } from 'node:crypto';
import { asc, eq, or } from 'drizzle-orm';
import { can } from '../../shared/permissions.ts';
import type { SavedView, SavedViewCreate, SavedViewPatch } from '../../shared/schemas/saved-views.ts';
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import { savedViews } from '../db/schema.ts';
import { AppError } from '../http/app-error.ts';

type Row = typeof savedViews.$inferSelect;

const isOwn = (row: Row, actor: Actor) => row.ownerId === actor.id;

/** Owners change their own views; admins any shared one. */
const canEdit = (row: Row, actor: Actor) =>
  isOwn(row, actor) || (row.shared && can(actor.role, 'views:manage_shared'));

const view = (row: Row, actor: Actor): SavedView => ({
  id: row.id,
  name: row.name,
  search: row.search,
  shared: row.shared,
  ownerId: row.ownerId,
  ownerName: row.ownerName,
  canEdit: canEdit(row, actor),
  createdAt: new Date(row.createdAt).toISOString(),
  updatedAt: new Date(row.updatedAt).toISOString(),
});

/** The actor's own views and every shared one, by name. */
export async function listSavedViews(db: Db, actor: Actor): Promise<SavedView[]> {
  const rows = await db
    .select()
    .from(savedViews)
    .where(or(eq(savedViews.ownerId, actor.id), eq(savedViews.shared, true)))
    .orderBy(asc(savedViews.name), asc(savedViews.id));
  return rows.map((row) => view(row, actor));
}

/**
 * A view the actor may see. Someone else's private view answers 404 like a missing one: its
 * existence is not the actor's business.
 */
async function visibleRow(db: Db, actor: Actor, id: string): Promise<Row> {
  const [row] = await db.select().from(savedViews).where(eq(savedViews.id, id)).limit(1);
  if (!row || (!row.shared && !isOwn(row, actor))) throw new AppError('not_found', 'No such saved view');
  return row;
}

async function editableRow(db: Db, actor: Actor, id: string): Promise<Row> {
  const row = await visibleRow(db, actor, id);
  if (!canEdit(row, actor))
    throw new AppError('forbidden', 'Only its owner or an admin can change a shared view');
  return row;
}

export async function getSavedView(db: Db, actor: Actor, id: string): Promise<SavedView> {
  return view(await visibleRow(db, actor, id), actor);
}

export async function createSavedView(db: Db, actor: Actor, input: SavedViewCreate): Promise<SavedView> {
  const [row] = await db
    .insert(savedViews)
    .values({
      id: randomUUID(),
      ownerId: actor.id,
      ownerName: actor.name || actor.email,
      name: input.name,
      search: input.search,
      shared: input.shared,
    })
    .returning();
  return view(row!, actor);
}

export async function updateSavedView(
  db: Db,
  actor: Actor,
  id: string,
  patch: SavedViewPatch,
): Promise<SavedView> {
  await editableRow(db, actor, id);
  const [row] = await db
    .update(savedViews)
    .set({ ...patch, updatedAt: new Date().toISOString() })
    .where(eq(savedViews.id, id))
    .returning();
  if (!row) throw new AppError('not_found', 'No such saved view');
  return view(row, actor);
}

export async function deleteSavedView(db: Db, actor: Actor, id: string): Promise<SavedView> {
  const before = await editableRow(db, actor, id);
  await db.delete(savedViews).where(eq(savedViews.id, id));
  return view(before, actor);
}
