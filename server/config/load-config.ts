import { randomBytes } from 'node:crypto';
import { DEFAULT_SANDBOX_API_KEY } from '../sandbox/start-sandbox.ts';
import { OIDC_CALLBACK_PATH } from '../auth/sso/oidc-provider-id.ts';
import { type Config, ConfigError, parseEnv } from './config.ts';

/**
 * Builds the frozen config. In sandbox mode (no STACKONE_API_KEY) the StackOne base URL, key and
 * webhook secret point at the in-process sandbox; the secret is generated per start and shared with it.
 * This server calls that sandbox on localhost whatever SANDBOX_PUBLIC_URL says: the public URL is for
 * browsers (a demo on a remote host), and may be a proxy this host cannot or should not go through.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Readonly<Config> {
  const e = parseEnv(env);
  const isSandbox = !e.STACKONE_API_KEY;
  if (e.DATABASE_URL && !e.AUTH_SECRET) {
    throw new ConfigError(
      'Invalid configuration:\n  AUTH_SECRET: required with DATABASE_URL (every process must sign sessions alike)',
    );
  }
  if (!!e.SWITCHBOARD_ADMIN_EMAIL !== !!e.SWITCHBOARD_ADMIN_PASSWORD) {
    throw new ConfigError(
      'Invalid configuration:\n  SWITCHBOARD_ADMIN_EMAIL / SWITCHBOARD_ADMIN_PASSWORD: set both or neither',
    );
  }
  if (e.OIDC_ISSUER && (!e.OIDC_CLIENT_ID || !e.OIDC_CLIENT_SECRET)) {
    throw new ConfigError(
      'Invalid configuration:\n  OIDC_CLIENT_ID / OIDC_CLIENT_SECRET: required with OIDC_ISSUER',
    );
  }
  if (e.OIDC_ISSUER && e.OIDC_ROLE_MAP.length === 0) {
    throw new ConfigError(
      'Invalid configuration:\n  OIDC_ROLE_MAP: required with OIDC_ISSUER (e.g. sb-admins:admin,*:viewer)',
    );
  }
  const sandboxUrl = `http://localhost:${e.SANDBOX_PORT}`;
  const sandboxPublicUrl = e.SANDBOX_PUBLIC_URL?.replace(/\/+$/, '') ?? null;
  const browserSandboxUrl = sandboxPublicUrl ?? sandboxUrl;
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  const config: Config = {
    port: e.PORT,
    publicUrl,
    stackOne: {
      apiKey: e.STACKONE_API_KEY ?? e.SANDBOX_API_KEY ?? DEFAULT_SANDBOX_API_KEY,
      baseUrl: (isSandbox ? sandboxUrl : e.STACKONE_BASE_URL).replace(/\/+$/, ''),
      hubBaseUrl: (isSandbox ? browserSandboxUrl : e.STACKONE_BASE_URL).replace(/\/+$/, ''),
      hubAppUrl: (isSandbox ? browserSandboxUrl : e.STACKONE_HUB_APP_URL).replace(/\/+$/, ''),
      timeoutMs: e.STACKONE_TIMEOUT_MS,
      retryAfterMaxSeconds: e.STACKONE_RETRY_AFTER_MAX_SECONDS,
      userReadsPerMinute: e.STACKONE_USER_READS_PER_MINUTE,
    },
    sandbox: isSandbox
      ? {
          port: e.SANDBOX_PORT,
          accounts: e.SANDBOX_ACCOUNTS,
          seed: e.SANDBOX_SEED,
          publicUrl: sandboxPublicUrl,
          dialects: e.SANDBOX_DIALECT,
        }
      : null,
    webhookSecrets:
      e.STACKONE_WEBHOOK_SECRETS.length > 0
        ? e.STACKONE_WEBHOOK_SECRETS
        : isSandbox
          ? [randomBytes(24).toString('base64url')]
          : [],
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dataDir: e.DATA_DIR },
    syncIntervalSeconds: e.SYNC_INTERVAL,
    webhookMaxBytes: e.WEBHOOK_MAX_BYTES,
    trustProxy: e.TRUST_PROXY,
    alerts: {
      graceSeconds: e.ALERT_GRACE_SECONDS,
      groupThreshold: e.ALERT_GROUP_THRESHOLD,
      smtpUrl: e.SMTP_URL ?? null,
      smtpFrom: e.SMTP_FROM,
    },
    auth: {
      secret: e.AUTH_SECRET ?? null,
      sessionTtlSeconds: Math.round(e.SESSION_TTL_HOURS * 3600),
      initialAdmin:
        e.SWITCHBOARD_ADMIN_EMAIL && e.SWITCHBOARD_ADMIN_PASSWORD
          ? { email: e.SWITCHBOARD_ADMIN_EMAIL.toLowerCase(), password: e.SWITCHBOARD_ADMIN_PASSWORD }
          : null,
      passwordSignIn: e.PASSWORD_SIGN_IN === 'on',
      breakGlassEmail: e.SWITCHBOARD_ADMIN_EMAIL?.toLowerCase() ?? null,
    },
    oidc: e.OIDC_ISSUER
      ? {
          issuer: e.OIDC_ISSUER,
          clientId: e.OIDC_CLIENT_ID!,
          clientSecret: e.OIDC_CLIENT_SECRET!,
          scopes: e.OIDC_SCOPES,
          roleClaim: e.OIDC_ROLE_CLAIM,
          roleMap: e.OIDC_ROLE_MAP,
          allowedDomains: e.OIDC_ALLOWED_DOMAINS,
          callbackUrl: `${publicUrl}${OIDC_CALLBACK_PATH}`,
        }
      : null,
  };
  return Object.freeze(config);
}
