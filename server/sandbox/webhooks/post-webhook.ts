import type { WebhookDelivery } from '../model.ts';

export type DeliveryAttempt = WebhookDelivery['attempts'][number];

export const WEBHOOK_USER_AGENT = 'StackOne-Webhooks/sandbox';

const describeFailure = (err: unknown, timedOut: boolean, timeoutMs: number): string => {
  if (timedOut) return `timeout after ${timeoutMs} ms`;
  if (!(err instanceof Error)) return String(err);
  if (err.name === 'AbortError') return 'aborted: sandbox stopped';
  // undici wraps the socket error ("fetch failed"); its cause names what went wrong (ECONNREFUSED…).
  const cause = err.cause instanceof Error ? err.cause : undefined;
  const code = cause && 'code' in cause ? String(cause.code) : undefined;
  return cause ? `${code ? `${code}: ` : ''}${cause.message}` : err.message;
};

/** One delivery attempt. Any 2xx is success; anything else, a network error or the timeout is a failure. */
export async function postWebhook(
  url: string,
  body: string,
  signature: string,
  options: { timeoutMs: number; signal: AbortSignal },
): Promise<DeliveryAttempt & { ok: boolean }> {
  const at = new Date().toISOString();
  const started = performance.now();
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const duration = () => Math.round(performance.now() - started);
  try {
    const res = await fetch(url, {
      method: 'POST',
      body,
      // A redirect is not followed: StackOne-style senders treat a 3xx as a failed delivery.
      redirect: 'manual',
      signal: AbortSignal.any([timeout, options.signal]),
      headers: {
        'content-type': 'application/json',
        'user-agent': WEBHOOK_USER_AGENT,
        'x-stackone-signature': signature,
      },
    });
    // Reading the body frees the connection; its start goes into the log when the attempt failed.
    const text = await res.text();
    const ok = res.status >= 200 && res.status < 300;
    const error = ok ? null : `HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`;
    return { at, status: res.status, error, duration_ms: duration(), ok };
  } catch (err) {
    return {
      at,
      status: null,
      error: describeFailure(err, timeout.aborted, options.timeoutMs),
      duration_ms: duration(),
      ok: false,
    };
  }
}
