import type { Config } from '../config/config.ts';
import { AppError } from '../http/app-error.ts';

const REAL_STACKONE_HOSTS = new Set(['api.stackone.com']);

/**
 * The StackOne sandbox's control API (`/_sandbox/*`, docs/sandbox-webhooks-control.md), for the demo
 * actions. On when this process runs the sandbox (no STACKONE_API_KEY), or when STACKONE_BASE_URL is a
 * standalone sandbox (`npm run sandbox`): asked once, by whether `/_sandbox/faults` answers with the
 * key; StackOne itself is never asked. Otherwise the actions answer 404.
 */
export function sandboxControl(config: Readonly<Config>) {
  const request = (method: string, path: string, body?: unknown) =>
    fetch(`${config.stackOne.baseUrl}/_sandbox${path}`, {
      method,
      headers: {
        authorization: `Basic ${Buffer.from(`${config.stackOne.apiKey}:`).toString('base64')}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(config.stackOne.timeoutMs),
    });

  let probe: Promise<boolean> | null = null;
  const isEnabled = (): Promise<boolean> => {
    if (config.sandbox) return Promise.resolve(true);
    if (REAL_STACKONE_HOSTS.has(new URL(config.stackOne.baseUrl).hostname)) return Promise.resolve(false);
    probe ??= request('GET', '/faults')
      .then(async (res) => {
        await res.body?.cancel();
        return res.ok;
      })
      .catch(() => {
        probe = null; // unreachable now: ask again next time
        return false;
      });
    return probe;
  };

  const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    if (!(await isEnabled()))
      throw new AppError('not_found', 'This console does not run on the StackOne sandbox');
    const res = await request(method, path, body).catch((err: unknown) => {
      throw new AppError('upstream_unavailable', `The sandbox did not answer: ${String(err)}`);
    });
    const text = await res.text();
    if (res.status === 404) throw new AppError('not_found', `The sandbox has no ${path}`);
    if (!res.ok)
      throw new AppError('upstream_error', `The sandbox answered ${res.status}: ${text.slice(0, 200)}`, {
        upstream: { status: res.status, requestId: null },
      });
    return text ? (JSON.parse(text) as unknown) : null;
  };
  return { isEnabled, call };
}
