import { fileURLToPath } from 'node:url';
import { ConfigError } from './config/config.ts';
import { loadConfig } from './config/load-config.ts';
import { DataDirLockedError, lockDataDir } from './db/data-dir-lock.ts';
import { DEFAULT_SANDBOX_API_KEY, startSandbox } from './sandbox/start-sandbox.ts';
import { logSsoSetup } from './auth/sso/log-sso-setup.ts';
import { startConsole } from './start-console.ts';

// Whatever this process creates (DATA_DIR, the database's files, the auth secret) is the user's alone.
process.umask(0o077);

try {
  const config = loadConfig();
  // First of all: a second process on the same DATA_DIR stops here, before it takes any port.
  const dataDirLock =
    config.database.kind === 'pglite' ? await lockDataDir(config.database.dataDir) : undefined;
  if (config.sandbox) {
    // Embedded default: the sandbox runs in this process and signs its webhooks with our secret.
    const sandbox = await startSandbox({
      port: config.sandbox.port,
      publicUrl: config.sandbox.publicUrl ?? undefined,
      apiKey: config.stackOne.apiKey,
      seed: config.sandbox.seed,
      accounts: config.sandbox.accounts,
      dialects: config.sandbox.dialects,
      webhookUrls: [`http://127.0.0.1:${config.port}/webhooks/stackone`],
      webhookSecret: config.webhookSecrets[0],
    });
    console.log(`StackOne sandbox on ${sandbox.url} (no STACKONE_API_KEY set; key ${sandbox.apiKey})`);
    if (config.sandbox.publicUrl && sandbox.apiKey === DEFAULT_SANDBOX_API_KEY)
      console.warn(
        `  SANDBOX_PUBLIC_URL is set but SANDBOX_API_KEY is not: anyone who reaches ${sandbox.url} can use the published default key`,
      );
  }
  const spaDir = fileURLToPath(new URL('../dist/web', import.meta.url));
  const running = await startConsole(config, { spaDir, dataDirLock });
  console.log(`Switchboard on ${config.publicUrl} (listening on ${running.port})`);
  if (config.oidc) await logSsoSetup(config.oidc, config.auth.passwordSignIn);
  const stop = () => void running.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (err) {
  console.error(err instanceof ConfigError || err instanceof DataDirLockedError ? err.message : err);
  process.exit(1);
}
