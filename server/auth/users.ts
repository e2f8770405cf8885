import { and, asc, count, eq } from 'drizzle-orm';
import type { Role } from '../../shared/schemas/roles.ts';
import type { RoleSource } from '../../shared/schemas/sign-in-methods.ts';
import type { CreateUserRequestSchema, UpdateUserRequestSchema, User } from '../../shared/schemas/users.ts';
import type { z } from 'zod';
import type { Db } from '../db/client.ts';
import { authSessions, authUsers } from '../db/auth-schema.ts';
import { AppError } from '../http/app-error.ts';
import { announceAuthChange } from './actor-cache.ts';
import type { Auth } from './create-auth.ts';

type UserRow = typeof authUsers.$inferSelect;

export const userView = (row: UserRow): User => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role as Role,
  disabled: row.disabled,
  createdAt: row.createdAt.toISOString(),
  signInMethod: row.roleSource === 'local' ? 'email' : 'sso',
  roleSource: row.roleSource as RoleSource,
});

export async function listUsers(db: Db): Promise<User[]> {
  const rows = await db.select().from(authUsers).orderBy(asc(authUsers.email));
  return rows.map(userView);
}

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(authUsers);
  return Number(row?.n ?? 0);
}

export async function findUser(db: Db, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(authUsers).where(eq(authUsers.id, id)).limit(1);
  return row;
}

const emailTaken = (email: string) =>
  new AppError('conflict', `A user with email ${email} already exists`, {
    fields: { email: 'Already in use' },
  });

function isUniqueViolation(err: unknown): boolean {
  for (let e = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

/** Creates a user with a credential (email + password) account, the way better-auth's admin plugin does. */
export async function createUser(
  auth: Auth,
  db: Db,
  input: z.output<typeof CreateUserRequestSchema>,
): Promise<User> {
  const existing = await db
    .select({ id: authUsers.id })
    .from(authUsers)
    .where(eq(authUsers.email, input.email))
    .limit(1);
  if (existing.length) throw emailTaken(input.email);
  const ctx = await auth.$context;
  const hash = await ctx.password.hash(input.password);
  const created = await ctx.internalAdapter
    .createUser({ email: input.email, name: input.name, emailVerified: false }, { method: 'admin' })
    .catch((err: unknown) => {
      // The same email added twice at once: the check above passed for both, the unique index did not.
      if (isUniqueViolation(err)) throw emailTaken(input.email);
      throw err;
    });
  await ctx.internalAdapter.linkAccount({
    userId: created.id,
    providerId: 'credential',
    accountId: created.id,
    password: hash,
  });
  const [row] = await db
    .update(authUsers)
    .set({ role: input.role })
    .where(eq(authUsers.id, created.id))
    .returning();
  return userView(row!);
}

/** Role, disabled flag or password. The last active admin cannot be demoted or disabled. */
export async function updateUser(
  auth: Auth,
  db: Db,
  id: string,
  patch: z.output<typeof UpdateUserRequestSchema>,
): Promise<User> {
  const row = await db.transaction(async (tx) => {
    // Locks the active admins first: a concurrent change to an admin waits here, then counts after
    // this one, so two admins demoting each other at once cannot leave none.
    const admins = await tx
      .select({ id: authUsers.id })
      .from(authUsers)
      .where(and(eq(authUsers.role, 'admin'), eq(authUsers.disabled, false)))
      .for('update');
    const [user] = await tx.select().from(authUsers).where(eq(authUsers.id, id)).limit(1);
    if (!user) throw new AppError('not_found', `No user with id ${id}`);
    const losesAdmin =
      user.role === 'admin' &&
      !user.disabled &&
      ((patch.role && patch.role !== 'admin') || patch.disabled === true);
    if (losesAdmin && admins.filter((a) => a.id !== id).length === 0) {
      throw new AppError('conflict', 'This is the last active admin: make another user admin first', {
        fields: patch.role
          ? { role: 'The last admin keeps the admin role' }
          : { disabled: 'The last admin cannot be disabled' },
      });
    }
    const isSso = user.roleSource !== 'local';
    if (patch.password && isSso) {
      throw new AppError('conflict', `${user.email} signs in with single sign-on and has no password`, {
        fields: { password: 'SSO users have no password' },
      });
    }
    if (patch.rolePinned === false && !isSso) {
      throw new AppError('conflict', `${user.email} signs in with a password: its role is always set here`, {
        fields: { rolePinned: 'Only SSO users take their role from the identity provider' },
      });
    }
    const set: Partial<UserRow> = { updatedAt: new Date() };
    if (patch.role) set.role = patch.role;
    // An admin's role for an SSO user holds over the IdP's claim until it is unpinned.
    if (isSso && patch.role) set.roleSource = 'pinned';
    else if (isSso && patch.rolePinned === false) set.roleSource = 'sso';
    if (patch.disabled !== undefined) set.disabled = patch.disabled;
    const [updated] = await tx.update(authUsers).set(set).where(eq(authUsers.id, id)).returning();
    return updated!;
  });
  try {
    if (patch.password) {
      const ctx = await auth.$context;
      await ctx.internalAdapter.updatePassword(id, await ctx.password.hash(patch.password));
    }
    // A disabled user or a new password ends every open session of that user.
    if (patch.disabled === true || patch.password)
      await db.delete(authSessions).where(eq(authSessions.userId, id));
  } finally {
    // Committed: no console process may answer the user's old role or sessions from its cache.
    await announceAuthChange(auth, id);
  }
  return userView(row);
}
