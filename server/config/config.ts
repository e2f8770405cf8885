import { z } from 'zod';
import { envCsv } from '../../shared/schemas/env-csv.ts';
import { SandboxDialectSchema, type SandboxDialect } from '../../shared/schemas/sandbox-dialect.ts';
import { SANDBOX_DEFAULTS } from '../sandbox/start-sandbox.ts';
import {
  envOidcDomains,
  envOidcIssuer,
  envOidcRoleMap,
  envOidcScopes,
  envOnOff,
  type RoleMapping,
} from './env-oidc.ts';
import { envTrustProxy, type TrustedProxy } from './env-trust-proxy.ts';

const optionalUrl = z.url().optional();

/** Every environment variable the console reads, parsed once at start. */
export const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: optionalUrl,
  STACKONE_API_KEY: z.string().min(1).optional(),
  STACKONE_BASE_URL: z.url().default('https://api.stackone.com'),
  STACKONE_HUB_APP_URL: z.url().default('https://app.stackone.com'),
  STACKONE_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  STACKONE_WEBHOOK_SECRETS: envCsv,
  STACKONE_RETRY_AFTER_MAX_SECONDS: z.coerce
    .number()
    .int()
    .min(0, 'seconds, 0 never waits for a Retry-After')
    .max(3600)
    .default(120),
  STACKONE_USER_READS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  SYNC_INTERVAL: z.coerce.number().int().min(0, 'seconds, 0 turns the schedule off').default(300),
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(SANDBOX_DEFAULTS.port),
  SANDBOX_ACCOUNTS: z.coerce.number().int().min(0).max(1_000_000).default(SANDBOX_DEFAULTS.accounts),
  SANDBOX_SEED: z.coerce.number().int().default(SANDBOX_DEFAULTS.seed),
  SANDBOX_PUBLIC_URL: optionalUrl,
  SANDBOX_API_KEY: z.string().min(8, 'must be at least 8 characters').optional(),
  SANDBOX_DIALECT: envCsv.pipe(z.array(SandboxDialectSchema)),
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .min(0.01)
    .max(24 * 30)
    .default(12),
  SWITCHBOARD_ADMIN_EMAIL: z.email().optional(),
  SWITCHBOARD_ADMIN_PASSWORD: z
    .string()
    .min(10, 'must be at least 10 characters')
    .max(128, 'must be at most 128 characters (longer cannot sign in)')
    .optional(),
  WEBHOOK_MAX_BYTES: z.coerce.number().int().min(1024).max(10_485_760).default(262_144),
  TRUST_PROXY: envTrustProxy,
  ALERT_GRACE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(120),
  ALERT_GROUP_THRESHOLD: z.coerce.number().int().min(2).max(10_000).default(5),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  SMTP_FROM: z.string().min(3).default('Switchboard <switchboard@localhost>'),
  PASSWORD_SIGN_IN: envOnOff,
  OIDC_ISSUER: envOidcIssuer,
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_SCOPES: envOidcScopes,
  OIDC_ROLE_CLAIM: z.string().min(1).default('groups'),
  OIDC_ROLE_MAP: envOidcRoleMap,
  OIDC_ALLOWED_DOMAINS: envOidcDomains,
});

export interface Config {
  port: number;
  publicUrl: string;
  stackOne: {
    apiKey: string;
    /** Where this server calls StackOne. */
    baseUrl: string;
    /** The Hub's baseUrl, as browsers reach StackOne (the embedded sandbox's public URL; else baseUrl). */
    hubBaseUrl: string;
    hubAppUrl: string;
    timeoutMs: number;
    /** Longest StackOne `Retry-After` a background call (sync, webhook re-read) waits out; a longer one fails it. */
    retryAfterMaxSeconds: number;
    /** Live StackOne reads a signed-in user may make per minute. */
    userReadsPerMinute: number;
  };
  /** With no STACKONE_API_KEY the sandbox runs in-process and this is set. */
  sandbox: {
    port: number;
    accounts: number;
    seed: number;
    /** SANDBOX_PUBLIC_URL: the origin browsers use for it (links, logos, the Hub), when not localhost. */
    publicUrl: string | null;
    /** SANDBOX_DIALECT: documented deviations from StackOne's usual answers (docs/sandbox.md). */
    dialects: SandboxDialect[];
  } | null;
  webhookSecrets: string[];
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };
  syncIntervalSeconds: number;
  webhookMaxBytes: number;
  /** Reverse proxies whose X-Forwarded-For names the client (none: the socket peer is the client). */
  trustProxy: readonly TrustedProxy[];
  alerts: {
    /** An incident is announced only if still unresolved this long after it opened. */
    graceSeconds: number;
    /** This many incidents of one provider opening within one grace period: one grouped message. */
    groupThreshold: number;
    /** Email destinations send through this; absent, their deliveries fail with that reason. */
    smtpUrl: string | null;
    smtpFrom: string;
  };
  auth: {
    /** Absent: generated and kept in DATA_DIR (PGlite only). */
    secret: string | null;
    sessionTtlSeconds: number;
    /** Creates the first admin at start when no user exists. */
    initialAdmin: { email: string; password: string } | null;
    /** PASSWORD_SIGN_IN=off: only the break-glass admin (SWITCHBOARD_ADMIN_EMAIL) signs in with a password. */
    passwordSignIn: boolean;
    /** SWITCHBOARD_ADMIN_EMAIL: may sign in with a password even when password sign-in is off. */
    breakGlassEmail: string | null;
  };
  /** Sign-in with the company's OpenID provider; null when OIDC_ISSUER is not set. */
  oidc: OidcConfig | null;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string[];
  /** The claim holding the user's groups; a dotted path (`realm_access.roles`) reaches into objects. */
  roleClaim: string;
  roleMap: RoleMapping[];
  /** Email domains allowed to sign in; empty allows every domain. */
  allowedDomains: string[];
  /** The redirect URI to register at the IdP. */
  callbackUrl: string;
}

export class ConfigError extends Error {}

/** Parses the environment; a bad value throws a ConfigError naming the variable. */
export function parseEnv(env: Record<string, string | undefined>): z.output<typeof EnvSchema> {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return parsed.data;
}
