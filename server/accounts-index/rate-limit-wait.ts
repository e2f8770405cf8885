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
  /** Shows the waits a client announces while the run lasts; answers the unsubscribe. */
  follow(client: unknown): () => void;
}

/** A client that announces StackOne's rate limit: called with its end (ISO) when it starts or is pushed back. */
interface RateLimitSource {
  onRateLimited(listener: (untilIso: string) => void): () => void;
}
const isRateLimitSource = (client: unknown): client is RateLimitSource =>
  typeof (client as Partial<RateLimitSource> | null)?.onRateLimited === 'function';

/**
 * The sync's answer to StackOne's rate limit: a 429 whose `Retry-After` is at most `maxSeconds` is
 * waited out, every call of the run pausing until then (the confirmations run several at a time), and
 * the call tried again. `onWait` is told the time waited for (the status shows "rate limited by
 * StackOne until …") and null when the wait is over. A longer `Retry-After`, or one missing, fails the
 * call as the client reported it; so does a stop (`signal`) during the wait.
 *
 * A client that waits out `Retry-After` itself and announces it (`onRateLimited`) is followed too
 * (`follow`): the status then shows the client's wait, cleared when it ends.
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

  /** The end of the client's own wait the status shows, and the timer that clears it. */
  let announced: { until: number; timer: NodeJS.Timeout } | null = null;
  const report = (until: string | null) =>
    options.onWait(until).catch((err: unknown) => console.error('[sync] could not report a rate limit', err));

  return {
    follow(client) {
      if (!isRateLimitSource(client)) return () => {};
      const unsubscribe = client.onRateLimited((untilIso) => {
        const until = Date.parse(untilIso);
        if (Number.isNaN(until) || until > Date.now() + options.maxSeconds * 1000 + 1000) return;
        if (announced && announced.until >= until) return;
        if (announced) clearTimeout(announced.timer);
        const timer = setTimeout(
          () => {
            announced = null;
            if (!pause) void report(null);
          },
          Math.max(0, until - Date.now()),
        );
        timer.unref();
        announced = { until, timer };
        void report(new Date(until).toISOString());
      });
      return () => {
        unsubscribe();
        if (announced) clearTimeout(announced.timer);
        announced = null;
      };
    },
    async call(fn) {
      for (let waits = 0; ; waits++) {
        if (pause) await pause.done;
        try {
          return await fn();
        } catch (err) {
          const seconds = retryAfterSecondsOf(err);
          // Longer than the cap: the client's error says so (and until when); the run fails with it.
          if (seconds === null || seconds > options.maxSeconds || waits >= MAX_WAITS_PER_CALL) throw err;
          await waitOut(seconds);
        }
      }
    },
  };
}
