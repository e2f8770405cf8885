import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import type { Config } from '../config/config.ts';
import type { Db } from '../db/client.ts';
import { authAccounts, authSessions, authUsers, authVerifications } from '../db/auth-schema.ts';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../shared/schemas/users.ts';

/** better-auth with email + password, sessions in our database, mounted at /api/auth. */
export function createAuth(config: Readonly<Config>, db: Db, secret: string) {
  return betterAuth({
    appName: 'Switchboard',
    baseURL: config.publicUrl,
    basePath: '/api/auth',
    secret,
    trustedOrigins: [config.publicUrl],
    database: drizzleAdapter(db, {
      provider: 'pg',
      schema: {
        user: authUsers,
        session: authSessions,
        account: authAccounts,
        verification: authVerifications,
      },
    }),
    // Users are created by an admin (or the first-run setup), never by signing up.
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: PASSWORD_MIN,
      // The shared schemas count characters (code points), better-auth UTF-16 units: a character is
      // at most two units, so this never refuses what the schemas let through.
      maxPasswordLength: PASSWORD_MAX * 2,
    },
    user: {
      additionalFields: {
        role: { type: 'string', required: false, defaultValue: 'viewer', input: false },
        disabled: { type: 'boolean', required: false, defaultValue: false, input: false },
      },
    },
    session: {
      expiresIn: config.auth.sessionTtlSeconds,
      updateAge: Math.min(3600, Math.floor(config.auth.sessionTtlSeconds / 2)),
      // No cookie cache: a changed role or a disabled user must take effect on the next request.
      cookieCache: { enabled: false },
    },
    // Our own limiter (per IP and per account, with the console's error shape) guards sign-in.
    rateLimit: { enabled: false },
    advanced: {
      useSecureCookies: config.publicUrl.startsWith('https://'),
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax' },
    },
    telemetry: { enabled: false },
  });
}

export type Auth = ReturnType<typeof createAuth>;
