import type { z } from 'zod';
import type { SetupRequestSchema, User } from '../../shared/schemas/users.ts';
import type { Database } from '../db/client.ts';
import type { Auth } from './create-auth.ts';
import { countUsers, createUser } from './users.ts';

/** Advisory lock key of first-admin creation (any fixed int8, distinct from the sync leader's). */
const FIRST_ADMIN_LOCK_KEY = 5_380_411_274;

/** Runs fn holding a Postgres advisory lock, so that processes sharing the database take turns. */
async function withDatabaseLock<T>(database: Database, fn: () => Promise<T>): Promise<T> {
  if (!database.pool) return fn();
  const client = await database.pool.connect();
  let healthy = false;
  try {
    await client.query('select pg_advisory_lock($1)', [FIRST_ADMIN_LOCK_KEY]);
    try {
      return await fn();
    } finally {
      await client.query('select pg_advisory_unlock($1)', [FIRST_ADMIN_LOCK_KEY]);
      healthy = true;
    }
  } finally {
    // A connection that failed to unlock is closed, which releases the lock.
    client.release(!healthy);
  }
}

const queues = new WeakMap<Database, Promise<unknown>>();

/**
 * Creates an admin only while no user exists, one attempt at a time in this process and across
 * processes sharing the database, so two racing first visitors (or starts) never both become admin.
 * Answers null when a user already exists.
 */
export function createFirstAdmin(
  auth: Auth,
  database: Database,
  input: z.output<typeof SetupRequestSchema>,
): Promise<User | null> {
  const run = (queues.get(database) ?? Promise.resolve()).then(() =>
    withDatabaseLock(database, async () => {
      if ((await countUsers(database.db)) > 0) return null;
      return createUser(auth, database.db, { ...input, role: 'admin' });
    }),
  );
  queues.set(
    database,
    run.catch(() => undefined),
  );
  return run;
}
