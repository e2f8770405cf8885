import { ConfigError } from '../config/config.ts';
import { loadConfig } from '../config/load-config.ts';
import { startSandbox, type RunningSandbox } from '../sandbox/start-sandbox.ts';
import { formatReport } from './format-report.ts';
import { doctorTarget } from './doctor-target.ts';
import { hasFailure, runDoctor } from './run-doctor.ts';

// `npm run doctor`: a read-only check of the configured StackOne, or, with no STACKONE_API_KEY, of an
// embedded sandbox started here for the purpose. Exits 1 when a check fails; never prints a stack.
let sandbox: RunningSandbox | null = null;
let code: number;
try {
  const config = loadConfig();
  if (config.sandbox) {
    // Its own free port: a console started with `npm start` may hold SANDBOX_PORT.
    sandbox = await startSandbox({
      port: 0,
      apiKey: config.stackOne.apiKey,
      seed: config.sandbox.seed,
      accounts: config.sandbox.accounts,
      webhookUrls: [],
    });
  }
  const report = await runDoctor(doctorTarget(config, sandbox?.url));
  console.log(formatReport(report));
  code = hasFailure(report) ? 1 : 0;
} catch (err) {
  console.error(
    err instanceof ConfigError ? err.message : `doctor: ${err instanceof Error ? err.message : String(err)}`,
  );
  code = 2;
}
await sandbox?.close();
// Kept-alive StackOne connections would hold the process open.
process.exit(code);
