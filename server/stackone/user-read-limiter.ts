/** Refused: how long until the user's next live read is allowed. */
export interface ReadRefusal {
  retryAfterSeconds: number;
}

export interface UserReadLimiterOptions {
  /** Live reads a user may make per minute, on average; also the burst a rested user may make. */
  perMinute: number;
  now?: () => number;
}

/**
 * A token bucket per signed-in user for live StackOne reads, so that no one user (a viewer opening
 * hundreds of account pages) can spend the quota the sync and webhooks need to keep the index true.
 */
export function createUserReadLimiter(options: UserReadLimiterOptions) {
  const now = options.now ?? Date.now;
  const capacity = Math.max(1, options.perMinute);
  const perMs = capacity / 60_000;
  const buckets = new Map<string, { tokens: number; at: number }>();

  function refill(bucket: { tokens: number; at: number }, t: number) {
    bucket.tokens = Math.min(capacity, bucket.tokens + (t - bucket.at) * perMs);
    bucket.at = t;
  }

  /** Forgets rested users, so that the map does not grow with every user ever seen. */
  function prune(t: number) {
    for (const [user, bucket] of buckets) {
      refill(bucket, t);
      if (bucket.tokens >= capacity) buckets.delete(user);
    }
  }

  return {
    /** Takes one read for the user, or says how long to wait. */
    take(userId: string): ReadRefusal | null {
      const t = now();
      if (buckets.size > 10_000) prune(t);
      let bucket = buckets.get(userId);
      if (!bucket) {
        bucket = { tokens: capacity, at: t };
        buckets.set(userId, bucket);
      }
      refill(bucket, t);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return null;
      }
      return { retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)) };
    },
  };
}

export type UserReadLimiter = ReturnType<typeof createUserReadLimiter>;
