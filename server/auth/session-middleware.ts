import type { MiddlewareHandler } from 'hono';
import { forbiddenMessage } from '../../shared/forbidden-message.ts';
import { can, type Permission } from '../../shared/permissions.ts';
import { RoleSchema, type Role } from '../../shared/schemas/roles.ts';
import type { EventBus } from '../events/event-bus.ts';
import { AppError } from '../http/app-error.ts';
import { linkActorCache, type SessionActor } from './actor-cache.ts';
import type { Actor } from './actor.ts';
import type { Auth } from './create-auth.ts';

/** What a handler behind a guard knows: who is signed in (`c.get('actor')` is never undefined). */
type SignedIn = { Variables: { actor: Actor } };

/**
 * The session's user from the database, as an actor (none when disabled or without a known role).
 * `refresh: false` reads without extending the session, for checks that are not the user's activity.
 */
export async function readSession(
  auth: Auth,
  headers: Headers,
  { refresh = true }: { refresh?: boolean } = {},
): Promise<SessionActor | null> {
  const session = await auth.api.getSession(
    refresh ? { headers } : { headers, query: { disableRefresh: true } },
  );
  const user = session?.user as
    { id: string; email: string; name: string; role?: unknown; disabled?: boolean | null } | undefined;
  if (!session || !user || user.disabled) return null;
  const role = RoleSchema.safeParse(user.role);
  if (!role.success) return null;
  return {
    actor: { id: user.id, email: user.email, name: user.name, role: role.data },
    expiresAt: new Date(session.session.expiresAt),
  };
}

/**
 * Loads the session's user into `actor`, if any. With the bus, through the actor cache: a few seconds
 * at most, dropped on every role, disabled, password or sign-out change of any console process.
 */
export function loadActor(auth: Auth, bus?: EventBus): MiddlewareHandler {
  const cache = bus?.internal ? linkActorCache(auth, bus.internal) : null;
  return async (c, next) => {
    // better-auth reads the session from the cookie only: without one there is nothing to look up.
    const cookie = c.req.header('cookie');
    if (cookie) {
      const load = () => readSession(auth, c.req.raw.headers);
      const actor = cache ? await cache.resolve(cookie, load) : (await load())?.actor;
      if (actor) c.set('actor', actor);
    }
    await next();
  };
}

/** 401 when not signed in, 403 when the role lacks the permission. */
export function requirePermission(permission: Permission): MiddlewareHandler<SignedIn> {
  return async (c, next) => {
    const actor = c.get('actor');
    if (!actor) throw new AppError('unauthenticated', 'Sign in to continue');
    if (!can(actor.role, permission)) {
      throw new AppError('forbidden', forbiddenMessage(actor.role, [permission]));
    }
    await next();
  };
}

/** 401 when not signed in, 403 when the role has none of the permissions (the body decides which one applies). */
export function requireAnyPermission(...permissions: Permission[]): MiddlewareHandler<SignedIn> {
  return async (c, next) => {
    const actor = c.get('actor');
    if (!actor) throw new AppError('unauthenticated', 'Sign in to continue');
    if (!permissions.some((p) => can(actor.role, p))) {
      throw new AppError('forbidden', forbiddenMessage(actor.role, permissions));
    }
    await next();
  };
}

export const requireSignedIn: MiddlewareHandler<SignedIn> = async (c, next) => {
  if (!c.get('actor')) throw new AppError('unauthenticated', 'Sign in to continue');
  await next();
};

/** For checks that depend on the request body (e.g. the purpose of a connect session). */
export function assertPermission(actor: { role: Role } | undefined, permission: Permission): void {
  if (!actor) throw new AppError('unauthenticated', 'Sign in to continue');
  if (!can(actor.role, permission))
    throw new AppError('forbidden', forbiddenMessage(actor.role, [permission]));
}
