import type { SandboxOptions } from '../../server/sandbox/config.ts';
import type { SandboxDialect } from '../../shared/schemas/sandbox-dialect.ts';
import { startSandbox, type RunningSandbox } from '../../server/sandbox/start-sandbox.ts';

export const TEST_API_KEY = 'v1.test.sandbox-test-key';

/** A sandbox on a free port with a small seed and fast webhook retries. */
export function startTestSandbox(options: Partial<SandboxOptions> = {}): Promise<RunningSandbox> {
  return startSandbox({
    port: 0,
    apiKey: TEST_API_KEY,
    seed: 7,
    accounts: 60,
    webhookRetryDelaysMs: [100, 200, 400],
    ...options,
  });
}

export const basicAuthHeader = (key: string = TEST_API_KEY) =>
  `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

/** fetch against the sandbox's platform API with the test key. */
export function platformFetch(
  sandbox: Pick<RunningSandbox, 'url' | 'apiKey'>,
  path: string,
  init: RequestInit = {},
) {
  const headers = new Headers(init.headers);
  if (!headers.has('authorization')) headers.set('authorization', basicAuthHeader(sandbox.apiKey));
  if (init.body && !headers.has('content-type')) headers.set('content-type', 'application/json');
  return fetch(`${sandbox.url}${path}`, { ...init, headers });
}

/**
 * Switches the sandbox to exactly these dialects over its control API (`PUT /_sandbox/dialects`);
 * `[]` is the default behaviour. Works on any sandbox reachable by URL and key, embedded or not.
 */
export async function setDialects(
  sandbox: Pick<RunningSandbox, 'url' | 'apiKey'>,
  dialects: readonly SandboxDialect[],
): Promise<SandboxDialect[]> {
  const res = await platformFetch(sandbox, '/_sandbox/dialects', {
    method: 'PUT',
    body: JSON.stringify({ dialects }),
  });
  if (res.status !== 200)
    throw new Error(`PUT /_sandbox/dialects answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { dialects: SandboxDialect[] }).dialects;
}
