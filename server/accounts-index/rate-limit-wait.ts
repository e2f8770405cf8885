import { AppError } from '../http/app-error.ts';

/** Waits in a row for one call before the sync gives up on it. */
const MAX_WAITS_PER_CALL = 5;

/**
 * The seconds StackOne asked to wait, from the client's rate-limit error: `retryAfterSeconds` on the
 * error or in its options (the client's side decides where it carries it). Null for any other error.
 */
export function retryAfterSecondsOf(err: unknown): number | null {
  if (!(err instanceof AppError) || err.code !== 'rate_limited') return null;
  const carried = err as unknown as { retryAfterSeconds?: unknown; options: { retryAfterSeconds?: unknown } };
  const seconds = carried.retryAfterSeconds ?? carried.options.retryAfterSeconds;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? seconds : null;
}

export interface RateLimitWait {
  /** Runs `fn`, waiting out a rate limit (`Retry-After` up to the cap) and trying again. */
  call<T>(fn: () => Promise<T>): Promise<T>;
}

/**
 * The sync's answer to StackOne's rate limit: a 429 whose `Retry-After` is at most `maxSeconds` is
 * waited out, every call of the run pausing until then (the confirmations run several at a time), and
 * the call tried again. `onWait` is told the time waited for (the status shows "rate limited by
 * StackOne until …") and null when the wait is over. A longer `Retry-After`, or one missing, fails the
 * call as the client reported it; so does a stop (`signal`) during the wait.
 */
export function createRateLimitWait(options: {
  maxSeconds: number;
  onWait: (until: string | null) => Promise<void>;
  signal?: AbortSignal;
}): RateLimitWait {
  let pause: { until: number; done: Promise<void> } | null = null;

  const sleepUntil = (until: number) =>
    new Promise<void>((resolve, reject) => {
      const { signal } = options;
      if (signal?.aborted) return reject(new AppError('upstream_unavailable', 'The sync was stopped'));
      const timer = setTimeout(done, Math.max(0, until - Date.now()));
      function done() {
        signal?.removeEventListener('abort', aborted);
        resolve();
      }
      function aborted() {
        clearTimeout(timer);
        reject(new AppError('upstream_unavailable', 'The sync was stopped while rate limited by StackOne'));
      }
      signal?.addEventListener('abort', aborted, { once: true });
    });

  async function waitOut(seconds: number): Promise<void> {
    const until = Date.now() + seconds * 1000;
    if (!pause || pause.until < until) {
      const done = (async () => {
        await options.onWait(new Date(until).toISOString());
        try {
          await sleepUntil(until);
        } finally {
          if (pause?.until === until) {
            pause = null;
            await options.onWait(null);
          }
        }
      })();
      pause = { until, done };
    }
    await pause.done;
  }

  return {
    async call(fn) {
      for (let waits = 0; ; waits++) {
        if (pause) await pause.done;
        try {
          return await fn();
        } catch (err) {
          const seconds = retryAfterSecondsOf(err);
          if (seconds === null || waits >= MAX_WAITS_PER_CALL) throw err;
          if (seconds > options.maxSeconds) {
            throw new AppError(
              'rate_limited',
              `StackOne is rate limiting and asked to wait ${Math.ceil(seconds)} s, longer than the sync waits (STACKONE_RETRY_AFTER_MAX_SECONDS=${options.maxSeconds})`,
              { upstream: (err as AppError).options.upstream },
            );
          }
          await waitOut(seconds);
        }
      }
    },
  };
}
