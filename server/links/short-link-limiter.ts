import { addressBucket } from '../auth/address-bucket.ts';

export interface ShortLinkLimits {
  perWindow: number;
  windowMs: number;
  /** Most clients held at once: the oldest are dropped past it. */
  maxEntries: number;
}

/** A customer opens their link a few times; a client walking codes is stopped after a handful a minute. */
export const SHORT_LINK_LIMITS: ShortLinkLimits = { perWindow: 30, windowMs: 60_000, maxEntries: 10_000 };

/**
 * Opens of `/l/<code>` per client (an IPv6 client by its /64), in fixed windows, in memory: each
 * console process limits on its own. Returns the seconds to wait when refused, else null.
 */
export function createShortLinkLimiter(options: Partial<ShortLinkLimits> & { now?: () => number } = {}) {
  const { now = Date.now, ...rest } = options;
  const limits = { ...SHORT_LINK_LIMITS, ...rest };
  const clients = new Map<string, { start: number; n: number }>();
  return {
    take(address: string): number | null {
      const at = now();
      const key = addressBucket(address);
      let entry = clients.get(key);
      if (!entry || at - entry.start >= limits.windowMs) entry = { start: at, n: 0 };
      entry.n++;
      clients.delete(key);
      clients.set(key, entry);
      if (clients.size > limits.maxEntries) clients.delete(clients.keys().next().value!);
      if (entry.n <= limits.perWindow) return null;
      return Math.max(1, Math.ceil((entry.start + limits.windowMs - at) / 1000));
    },
  };
}
export type ShortLinkLimiter = ReturnType<typeof createShortLinkLimiter>;
