import type { Config } from '../config/config.ts';
import type { Database } from '../db/client.ts';
import type { Auth } from './create-auth.ts';
import { createFirstAdmin } from './first-admin.ts';

/** With SWITCHBOARD_ADMIN_EMAIL/PASSWORD and no user yet, creates the first admin at start. */
export async function ensureInitialAdmin(
  config: Readonly<Config>,
  auth: Auth,
  database: Database,
): Promise<boolean> {
  if (!config.auth.initialAdmin) return false;
  const { email, password } = config.auth.initialAdmin;
  const user = await createFirstAdmin(auth, database, {
    email,
    password,
    name: email.split('@')[0] ?? 'Admin',
  });
  return user !== null;
}
