import { z } from 'zod';
import { envCsv } from '../../shared/schemas/env-csv.ts';
import { SandboxDialectSchema, type SandboxDialect } from '../../shared/schemas/sandbox-dialect.ts';

export const DEFAULT_SANDBOX_API_KEY = 'v1.sandbox.switchboard-local-key';

/** What a sandbox starts with when an option is not given, by `startSandbox` or the environment. */
export const SANDBOX_DEFAULTS = {
  port: 4010,
  seed: 42,
  accounts: 250,
  /** StackOne's own limit per key. */
  rateLimitPerMinute: 1000,
} as const;

const SandboxEnvSchema = z.object({
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(SANDBOX_DEFAULTS.port),
  SANDBOX_PUBLIC_URL: z.url().optional(),
  SANDBOX_API_KEY: z.string().min(8, 'must be at least 8 characters').default(DEFAULT_SANDBOX_API_KEY),
  SANDBOX_SEED: z.coerce.number().int().default(SANDBOX_DEFAULTS.seed),
  SANDBOX_ACCOUNTS: z.coerce.number().int().min(0).max(1_000_000).default(SANDBOX_DEFAULTS.accounts),
  SANDBOX_WEBHOOK_URL: envCsv.pipe(z.array(z.url())),
  SANDBOX_WEBHOOK_SECRET: z.string().optional(),
  SANDBOX_DIALECT: envCsv.pipe(z.array(SandboxDialectSchema)),
});

export interface SandboxOptions {
  port: number;
  /** Origin browsers use for the sandbox (auth links, logos, the Hub's baseUrl); no trailing slash. */
  publicUrl?: string;
  /** Interface to listen on; by default loopback, or every interface for a public URL on another host. */
  hostname?: string;
  apiKey: string;
  seed: number;
  accounts: number;
  webhookUrls: string[];
  webhookSecret?: string;
  /** Delays between webhook delivery attempts, in ms (emulator policy, not StackOne fact). */
  webhookRetryDelaysMs?: number[];
  /** Time a webhook receiver has to answer before the attempt counts as failed, in ms (default 10 000). */
  webhookTimeoutMs?: number;
  /** Per-key request limit per minute on the platform API. */
  rateLimitPerMinute?: number;
  /** Dialects spoken from the start, and again after a control-API reset (none by default). */
  dialects?: SandboxDialect[];
}

/** Parses the sandbox's environment; a bad value throws naming the variable. */
export function sandboxOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): SandboxOptions {
  const parsed = SandboxEnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`Invalid ${String(issue.path[0])}: ${issue.message}`);
  }
  const e = parsed.data;
  return {
    port: e.SANDBOX_PORT,
    publicUrl: e.SANDBOX_PUBLIC_URL?.replace(/\/+$/, ''),
    apiKey: e.SANDBOX_API_KEY,
    seed: e.SANDBOX_SEED,
    accounts: e.SANDBOX_ACCOUNTS,
    webhookUrls: e.SANDBOX_WEBHOOK_URL,
    webhookSecret: e.SANDBOX_WEBHOOK_SECRET,
    dialects: e.SANDBOX_DIALECT,
  };
}

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);

/**
 * Where the sandbox listens: loopback, unless browsers are told to reach it on another host
 * (SANDBOX_PUBLIC_URL of a remote demo), which they could not do on loopback.
 */
export function listenHostname(publicUrl: string | undefined): string {
  if (!publicUrl) return '127.0.0.1';
  const host = new URL(publicUrl).hostname;
  const loopback = LOOPBACK_HOSTS.has(host) || host.endsWith('.localhost') || /^127\./.test(host);
  return loopback ? '127.0.0.1' : '0.0.0.0';
}
