import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/config.ts';
import type { DatabaseConfig } from '../db/client.ts';

/**
 * The key better-auth signs session cookies with. Without AUTH_SECRET the embedded default keeps one
 * in DATA_DIR so sessions survive a restart; an in-memory database gets a fresh one per start.
 */
export function resolveAuthSecret(config: Readonly<Config>, database: DatabaseConfig): string {
  if (config.auth.secret) return config.auth.secret;
  if (database.kind !== 'pglite') return randomBytes(32).toString('base64url');
  const file = join(database.dataDir, 'auth-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(database.dataDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
