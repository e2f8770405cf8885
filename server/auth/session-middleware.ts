import type { MiddlewareHandler } from 'hono';
import { can, type Permission } from '../../shared/permissions.ts';
import { RoleSchema, type Role } from '../../shared/schemas/roles.ts';
import { AppError } from '../http/app-error.ts';
import type { Auth } from './create-auth.ts';

/** Loads the session's user (fresh from the database each request) into `actor`, if any. */
export function loadActor(auth: Auth): MiddlewareHandler {
  return async (c, next) => {
    const session = await auth.api.getSession({ headers: c.req.raw.headers });
    const user = session?.user as
      { id: string; email: string; name: string; role?: unknown; disabled?: boolean | null } | undefined;
    if (user && !user.disabled) {
      const role = RoleSchema.safeParse(user.role);
      if (role.success) c.set('actor', { id: user.id, email: user.email, name: user.name, role: role.data });
    }
    await next();
  };
}

/** 401 when not signed in, 403 when the role lacks the permission. */
export function requirePermission(permission: Permission): MiddlewareHandler {
  return async (c, next) => {
    const actor = c.get('actor');
    if (!actor) throw new AppError('unauthenticated', 'Sign in to continue');
    if (!can(actor.role, permission)) {
      throw new AppError('forbidden', `Your role (${actor.role}) does not allow ${permission}`);
    }
    await next();
  };
}

/** 401 when not signed in, 403 when the role has none of the permissions (the body decides which one applies). */
export function requireAnyPermission(...permissions: Permission[]): MiddlewareHandler {
  return async (c, next) => {
    const actor = c.get('actor');
    if (!actor) throw new AppError('unauthenticated', 'Sign in to continue');
    if (!permissions.some((p) => can(actor.role, p))) {
      throw new AppError('forbidden', `Your role (${actor.role}) does not allow ${permissions.join(' or ')}`);
    }
    await next();
  };
}

export const requireSignedIn: MiddlewareHandler = async (c, next) => {
  if (!c.get('actor')) throw new AppError('unauthenticated', 'Sign in to continue');
  await next();
};

/** For checks that depend on the request body (e.g. the purpose of a connect session). */
export function assertPermission(actor: { role: Role } | undefined, permission: Permission): void {
  if (!actor) throw new AppError('unauthenticated', 'Sign in to continue');
  if (!can(actor.role, permission))
    throw new AppError('forbidden', `Your role (${actor.role}) does not allow ${permission}`);
}
