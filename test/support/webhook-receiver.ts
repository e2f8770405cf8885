import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  /** The raw body as received. */
  body: string;
  /** The parsed body, or `null` when it is not JSON. */
  json: Record<string, unknown> | null;
  /** Whether `x-stackone-signature` matched one of the receiver's secrets. */
  signatureValid: boolean;
  /** What the receiver answered. */
  status: number;
  receivedAt: number;
}

export interface WebhookReceiver {
  url: string;
  /** Every request received, answered or not, oldest first. */
  requests: ReceivedWebhook[];
  /** The requests answered 2xx: the deliveries the sandbox counts as delivered. */
  accepted(): ReceivedWebhook[];
  /** Answer the next `count` requests with `status` (500 by default). */
  failNext(count: number, status?: number): void;
  /** Answer every request with `status` from now on; `null` goes back to normal. */
  failAlways(status: number | null): void;
  /** Wait this long before answering (to test timeouts and concurrency). */
  delayResponses(ms: number): void;
  /** The most requests that were open at the same time. */
  maxInFlight(): number;
  close(): Promise<void>;
}

/**
 * Verifies like a StackOne customer would, independently of the sandbox's own signing code:
 * HMAC-SHA256 of the raw body, base64url, compared in constant time against every secret (rotation),
 * ignoring `=` padding on either side.
 */
export function isValidSignature(rawBody: string, header: string | undefined, secrets: string[]): boolean {
  if (!header) return false;
  const received = Buffer.from(header.replace(/=+$/, ''));
  return secrets.some((secret) => {
    const expected = Buffer.from(
      createHmac('sha256', secret).update(rawBody, 'utf8').digest('base64url').replace(/=+$/, ''),
    );
    return expected.length === received.length && timingSafeEqual(expected, received);
  });
}

const parseJson = (body: string): Record<string, unknown> | null => {
  try {
    return JSON.parse(body) as Record<string, unknown>;
  } catch {
    return null;
  }
};

/**
 * A webhook receiver on 127.0.0.1 and a free port. With `secrets` it answers a missing or wrong
 * signature with 401, as a real receiver does; otherwise it answers 200 unless told to fail.
 */
export async function startWebhookReceiver(options: { secrets?: string[] } = {}): Promise<WebhookReceiver> {
  const requests: ReceivedWebhook[] = [];
  let failures = { count: 0, status: 500 };
  let failingStatus: number | null = null;
  let delayMs = 0;
  let inFlight = 0;
  let maxInFlight = 0;

  const server = createServer((req, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const json = parseJson(body);
      const header = req.headers['x-stackone-signature'];
      const signatureValid = isValidSignature(body, typeof header === 'string' ? header : undefined, [
        ...(options.secrets ?? []),
      ]);
      let status = 200;
      if (options.secrets && !signatureValid) status = 401;
      else if (failingStatus !== null) status = failingStatus;
      else if (failures.count > 0) {
        failures.count--;
        status = failures.status;
      }
      const record: ReceivedWebhook = {
        headers: req.headers,
        body,
        json,
        signatureValid,
        status,
        receivedAt: Date.now(),
      };
      setTimeout(() => {
        requests.push(record);
        inFlight--;
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(status < 300 ? { success: true } : { error: `status ${status}` }));
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/webhooks/stackone`,
    requests,
    accepted: () => requests.filter((r) => r.status >= 200 && r.status < 300),
    failNext: (count, status = 500) => {
      failures = { count, status };
    },
    failAlways: (status) => {
      failingStatus = status;
    },
    delayResponses: (ms) => {
      delayMs = ms;
    },
    maxInFlight: () => maxInFlight,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Polls `probe` until it returns a truthy value, which it then returns; fails after `timeoutMs`. */
export async function waitUntil<T>(
  probe: () => T | Promise<T>,
  { timeoutMs = 5_000, intervalMs = 20, what = 'condition' } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
