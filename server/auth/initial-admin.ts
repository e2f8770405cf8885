import type { Config } from '../config/config.ts';
import type { Db } from '../db/client.ts';
import { AppError } from '../http/app-error.ts';
import type { Auth } from './create-auth.ts';
import { countUsers, createUser } from './users.ts';

/** With SWITCHBOARD_ADMIN_EMAIL/PASSWORD and no user yet, creates the first admin at start. */
export async function ensureInitialAdmin(config: Readonly<Config>, auth: Auth, db: Db): Promise<boolean> {
  if (!config.auth.initialAdmin || (await countUsers(db)) > 0) return false;
  const { email, password } = config.auth.initialAdmin;
  try {
    await createUser(auth, db, { email, password, name: email.split('@')[0] ?? 'Admin', role: 'admin' });
    return true;
  } catch (err) {
    // Another process sharing the database, started at the same moment, created it first.
    if (err instanceof AppError && err.code === 'conflict') return false;
    throw err;
  }
}
