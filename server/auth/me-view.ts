import { ROLE_PERMISSIONS } from '../../shared/permissions.ts';
import type { Me } from '../../shared/schemas/users.ts';
import type { Db } from '../db/client.ts';
import type { Actor } from './actor.ts';
import { findUser, userView } from './users.ts';

/** The body of `GET /api/me`: the signed-in user and what their role may do; null when the user is gone. */
export async function meView(db: Db, actor: Actor): Promise<Me | null> {
  const row = await findUser(db, actor.id);
  return row ? { user: userView(row), permissions: [...ROLE_PERMISSIONS[actor.role]] } : null;
}
