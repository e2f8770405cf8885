/**
 * A sandbox in a process of its own (for benchmarks that must not share an event loop with it).
 * Env: BENCH_SANDBOX_ACCOUNTS, BENCH_SANDBOX_API_KEY, and BENCH_SANDBOX_WEBHOOK_URL with
 * BENCH_SANDBOX_WEBHOOK_SECRET to send signed account webhooks there. Prints `READY <url>` once listening.
 */
import { startSandbox } from '../../server/sandbox/start-sandbox.ts';

const sandbox = await startSandbox({
  port: 0,
  apiKey: process.env.BENCH_SANDBOX_API_KEY ?? 'v1.bench.sandbox-key',
  accounts: Number(process.env.BENCH_SANDBOX_ACCOUNTS ?? 2000),
  seed: 42,
  webhookUrls: process.env.BENCH_SANDBOX_WEBHOOK_URL ? [process.env.BENCH_SANDBOX_WEBHOOK_URL] : [],
  webhookSecret: process.env.BENCH_SANDBOX_WEBHOOK_SECRET,
  // Benchmarks measure speed, not StackOne's 1,000 requests a minute.
  rateLimitPerMinute: 1_000_000_000,
});
console.log(`READY ${sandbox.url}`);
process.on('SIGTERM', () => void sandbox.close().then(() => process.exit(0)));
