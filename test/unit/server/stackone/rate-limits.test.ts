import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AppError } from '../../../../server/http/app-error.ts';
import { createCallScheduler } from '../../../../server/stackone/call-scheduler.ts';
import { createTransport } from '../../../../server/stackone/transport.ts';
import { createUserReadLimiter } from '../../../../server/stackone/user-read-limiter.ts';

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (err: unknown) => err as AppError,
  );

/** Answers each call with the next status; a 429 carries `retryAfter` seconds. */
function upstream(answers: number[], retryAfter: string) {
  const calls: string[] = [];
  const fetch = (async () => {
    const status = answers[calls.length] ?? 200;
    calls.push(String(status));
    return new Response(JSON.stringify(status === 200 ? { id: '1' } : { message: 'Too Many Requests' }), {
      status,
      headers: { 'content-type': 'application/json', 'retry-after': retryAfter },
    });
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const get = { method: 'GET' as const, path: '/accounts/1', schema: z.object({ id: z.string() }), idempotent: true };

describe('StackOne rate limits in the transport', () => {
  it("fails a user's call at once on a 429, and then every user call until the limit ends, without calling StackOne", async () => {
    const { fetch, calls } = upstream([429], '60');
    const request = createTransport({ baseUrl: 'http://s.test', apiKey: 'k', timeoutMs: 1000, fetch });
    const seen: string[] = [];
    request.onRateLimited((until) => seen.push(until));

    const err = await rejection(request({ ...get, priority: 'interactive' }));
    expect(err.code).toBe('rate_limited');
    expect(err.message).toMatch(/^StackOne is rate limiting the console until \d\d:\d\d:\d\d UTC; try again in 60 s \(GET \/accounts\/1\)$/);
    expect(err.options).toMatchObject({ retryAfterSeconds: 60, upstream: { status: 429 } });
    expect(seen).toHaveLength(1);
    expect(Date.parse(request.rateLimitedUntil()!) - Date.now()).toBeGreaterThan(50_000);

    const again = await rejection(request({ ...get, priority: 'interactive' }));
    expect(again.code).toBe('rate_limited');
    expect(calls).toEqual(['429']);
  });

  it('lets a background call wait out a Retry-After within the cap and succeed', async () => {
    const { fetch, calls } = upstream([429, 429], '0');
    const request = createTransport({ baseUrl: 'http://s.test', apiKey: 'k', timeoutMs: 1000, fetch, maxAttempts: 1 });
    // Waiting out a limit is no failed attempt: one attempt allowed, two 429s waited out.
    await expect(request(get)).resolves.toEqual({ id: '1' });
    expect(calls).toEqual(['429', '429', '200']);
  });

  it('fails a background call whose Retry-After is longer than the cap, naming the cap and the time', async () => {
    const { fetch, calls } = upstream([429], '60');
    const request = createTransport({
      baseUrl: 'http://s.test',
      apiKey: 'k',
      timeoutMs: 1000,
      fetch,
      maxRetryAfterMs: 5_000,
    });
    const err = await rejection(request(get));
    expect(err.code).toBe('rate_limited');
    expect(err.message).toMatch(
      /^StackOne is rate limiting the console until \d\d:\d\d:\d\d UTC, longer than the console waits \(STACKONE_RETRY_AFTER_MAX_SECONDS, 5 s\); try again in 60 s/,
    );
    expect(calls).toEqual(['429']);
    // A later background call does not hammer StackOne either.
    await rejection(request(get));
    expect(calls).toEqual(['429']);
  });

  it('gives up on a background call after the most rate-limit waits', async () => {
    const { fetch, calls } = upstream([429, 429, 429, 429], '0');
    const request = createTransport({ baseUrl: 'http://s.test', apiKey: 'k', timeoutMs: 1000, fetch, maxRateLimitWaits: 2 });
    const err = await rejection(request(get));
    expect(err.code).toBe('rate_limited');
    expect(calls).toEqual(['429', '429', '429']);
  });
});

describe('the call scheduler', () => {
  it('starts waiting background calls before waiting interactive ones, and keeps slots for background', async () => {
    const scheduler = createCallScheduler({ maxConcurrent: 2, maxInteractive: 1 });
    const started: string[] = [];
    const gates: (() => void)[] = [];
    const call = (name: string) => () =>
      new Promise<void>((resolve) => {
        started.push(name);
        gates.push(resolve);
      });
    const all = [
      scheduler.run('interactive', call('i1')),
      scheduler.run('interactive', call('i2')), // waits: one interactive at a time
      scheduler.run('background', call('b1')), // takes the slot kept for background
      scheduler.run('background', call('b2')), // waits
    ];
    await Promise.resolve();
    expect(started).toEqual(['i1', 'b1']);
    gates[0]!(); // i1 ends: b2 (background) goes before i2
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(started).toEqual(['i1', 'b1', 'b2']);
    gates[1]!();
    gates[2]!();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(started).toEqual(['i1', 'b1', 'b2', 'i2']);
    gates[3]!();
    await Promise.all(all);
    expect(scheduler.stats()).toEqual({ running: 0, interactiveRunning: 0, waitingBackground: 0, waitingInteractive: 0 });
  });
});

describe('the per-user live-read limit', () => {
  it('allows a burst of perMinute, then one read per refill, per user', () => {
    let now = 0;
    const limiter = createUserReadLimiter({ perMinute: 3, now: () => now });
    expect([limiter.take('u1'), limiter.take('u1'), limiter.take('u1')]).toEqual([null, null, null]);
    expect(limiter.take('u1')).toEqual({ retryAfterSeconds: 20 });
    expect(limiter.take('u2')).toBeNull();
    now += 20_000;
    expect(limiter.take('u1')).toBeNull();
    expect(limiter.take('u1')).toEqual({ retryAfterSeconds: 20 });
  });
});
