import { sandboxOptionsFromEnv } from './config.ts';
import { startSandbox } from './start-sandbox.ts';

try {
  const options = sandboxOptionsFromEnv();
  const sandbox = await startSandbox(options);
  const count = sandbox.context.store.listAccounts().length;
  console.log(`StackOne sandbox listening on ${sandbox.url}`);
  console.log(
    `  API key: ${sandbox.apiKey}   (HTTP Basic, key as user name: curl -u '${sandbox.apiKey}:' ${sandbox.url}/accounts)`,
  );
  console.log(`  seeded ${count} accounts from seed ${options.seed} in ${sandbox.seedMs.toFixed(0)} ms`);
  if (options.webhookUrls.length) console.log(`  webhooks to: ${options.webhookUrls.join(', ')}`);
  const dialects = sandbox.context.dialects.list();
  if (dialects.length) console.log(`  dialects: ${dialects.join(', ')} (docs/sandbox.md, "Dialects")`);
  const { webhooks } = sandbox.context;
  if (webhooks.secretGenerated)
    console.log(`  webhook signing secret (generated): ${webhooks.defaultSecret}`);
  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
