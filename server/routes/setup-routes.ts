import { Hono } from 'hono';
import { SetupRequestSchema } from '../../shared/schemas/users.ts';
import type { AppDeps } from '../app-deps.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { countUsers, createUser } from '../auth/users.ts';
import type { Database } from '../db/client.ts';
import { AppError } from '../http/app-error.ts';
import { validate } from '../http/validate.ts';

/** Advisory lock key of the first-run setup (any fixed int8, distinct from the sync leader's). */
const SETUP_LOCK_KEY = 5_380_411_274;

/** Runs fn holding a Postgres advisory lock, so that processes sharing the database take turns. */
async function withDatabaseLock<T>(database: Database, fn: () => Promise<T>): Promise<T> {
  if (!database.pool) return fn();
  const client = await database.pool.connect();
  let healthy = false;
  try {
    await client.query('select pg_advisory_lock($1)', [SETUP_LOCK_KEY]);
    try {
      return await fn();
    } finally {
      await client.query('select pg_advisory_unlock($1)', [SETUP_LOCK_KEY]);
      healthy = true;
    }
  } finally {
    // A connection that failed to unlock is closed, which releases the lock.
    client.release(!healthy);
  }
}

/** First run only: creates the first admin and signs them in; gone once any user exists. */
export function setupRoutes(deps: AppDeps) {
  const { db } = deps.database;
  // One setup at a time, in this process and across processes, so two racing first visitors
  // cannot both become admin.
  let queue: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(() => withDatabaseLock(deps.database, fn));
    queue = run.catch(() => undefined);
    return run;
  };
  return new Hono()
    .get('/', async (c) => c.json({ needsSetup: (await countUsers(db)) === 0 }, 200))
    .post('/', validate('json', SetupRequestSchema), async (c) => {
      const input = c.req.valid('json');
      const user = await oneAtATime(async () => {
        if ((await countUsers(db)) > 0)
          throw new AppError('conflict', 'Setup is already done: sign in instead');
        return createUser(deps.auth, db, { ...input, role: 'admin' });
      });
      await writeAudit(db, c, {
        action: 'user.setup',
        outcome: 'success',
        actor: { id: user.id, email: user.email, role: 'admin' },
        targetType: 'user',
        targetId: user.id,
        summary: { email: user.email },
      });
      const signIn = await deps.auth.api.signInEmail({
        body: { email: input.email, password: input.password },
        asResponse: true,
      });
      const response = c.json({ user }, 201);
      for (const cookie of signIn.headers.getSetCookie()) response.headers.append('set-cookie', cookie);
      return response;
    });
}
