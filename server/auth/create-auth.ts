import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { genericOAuth } from 'better-auth/plugins/generic-oauth';
import type { Config } from '../config/config.ts';
import type { Db } from '../db/client.ts';
import { authAccounts, authSessions, authUsers, authVerifications } from '../db/auth-schema.ts';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../shared/schemas/users.ts';
import { OIDC_PROVIDER_ID } from './sso/oidc-provider-id.ts';
import { ssoReadClaims, ssoSessionCreateBefore, ssoUserCreateBefore } from './sso/sso-policy.ts';

/** Where better-auth sends the browser when an IdP sign-in fails (`?error=<code>`). */
export const SSO_ERROR_PATH = '/sso-error';

/**
 * The company's OpenID provider through better-auth's generic OAuth plugin: discovery, PKCE, `state`,
 * `nonce`, and the ID token's signature (JWKS from discovery), issuer, audience and expiry are all
 * checked by better-auth. A provider whose discovery fails at start is retried at the next sign-in.
 */
function oidcPlugin(oidc: NonNullable<Config['oidc']>) {
  return genericOAuth({
    config: [
      {
        providerId: OIDC_PROVIDER_ID,
        name: 'Single sign-on',
        discoveryUrl: `${oidc.issuer}/.well-known/openid-configuration`,
        clientId: oidc.clientId,
        clientSecret: oidc.clientSecret,
        scopes: oidc.scopes,
        pkce: true,
        requireIdTokenVerification: true,
        mapProfileToUser: ssoReadClaims(oidc),
      },
    ],
  });
}

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
        roleSource: { type: 'string', required: false, defaultValue: 'local', input: false },
      },
    },
    databaseHooks: {
      user: { create: { before: ssoUserCreateBefore } },
      session: { create: { before: ssoSessionCreateBefore(db) } },
    },
    // An IdP identity never takes over an existing user by email (a password user, say): it signs in
    // only as the user it created.
    account: { accountLinking: { enabled: false } },
    plugins: config.oidc ? [oidcPlugin(config.oidc)] : [],
    onAPIError: { errorURL: `${config.publicUrl}${SSO_ERROR_PATH}` },
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
