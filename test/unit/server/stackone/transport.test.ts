import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../../../../server/http/app-error.ts';
import { createTransport } from '../../../../server/stackone/transport.ts';

/** Each call answers the next of `answers`: a status, or 'hang' (no answer until the timeout aborts it). */
function upstream(answers: (number | 'hang')[]) {
  const calls: string[] = [];
  const fetch = (async (_url: string, init: RequestInit) => {
    const answer = answers[calls.length] ?? 500;
    calls.push(String(answer));
    if (answer === 'hang') {
      return new Promise<Response>((_resolve, reject) => {
        init.signal!.addEventListener('abort', () => reject(init.signal!.reason));
      });
    }
    return new Response(
      answer === 200 ? JSON.stringify({ id: '1' }) : JSON.stringify({ message: 'Not Found' }),
      {
        status: answer,
        headers: { 'content-type': 'application/json', 'retry-after': '0' },
      },
    );
  }) as typeof globalThis.fetch;
  const request = createTransport({
    baseUrl: 'http://stackone.test',
    apiKey: 'k',
    timeoutMs: 50,
    baseDelayMs: 1,
    fetch,
  });
  return { request, calls };
}

const schema = z.object({ id: z.string() });
const del = {
  method: 'DELETE' as const,
  path: '/accounts/1',
  schema,
  idempotent: true,
  goneOnRetry: () => ({ id: 'gone' }),
};

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (err: unknown) => err as AppError,
  );

describe('the StackOne transport', () => {
  it('says how long it waited when no attempt is answered', async () => {
    const { request, calls } = upstream(['hang', 'hang', 'hang']);
    const err = await rejection(request({ method: 'GET', path: '/accounts', schema, idempotent: true }));
    expect(calls).toHaveLength(3);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('upstream_timeout');
    expect(err.message).toMatch(
      /^StackOne did not answer GET \/accounts in time \(3 attempts of 50 ms, \d+\.\d s in all\)$/,
    );
  });

  it('says one attempt for a call that is never retried', async () => {
    const { request } = upstream(['hang']);
    const err = await rejection(
      request({ method: 'POST', path: '/connect_sessions', schema, idempotent: false }),
    );
    expect(err.message).toMatch(
      /^StackOne did not answer POST \/connect_sessions in time \(1 attempt of 50 ms, /,
    );
  });

  it('takes a 404 to a retried delete, after an attempt with no answer, as the delete done', async () => {
    const { request, calls } = upstream(['hang', 404]);
    expect(await request(del)).toEqual({ id: 'gone' });
    expect(calls).toEqual(['hang', '404']);
  });

  it('takes a 404 to a retried delete, after a 503, as the delete done', async () => {
    const { request } = upstream([503, 404]);
    expect(await request(del)).toEqual({ id: 'gone' });
  });

  it('reports a 404 after a 429 as not found: the refused attempt did nothing', async () => {
    const { request } = upstream([429, 404]);
    expect((await rejection(request(del))).code).toBe('not_found');
  });

  it('reports a 404 to a first attempt as not found', async () => {
    const { request } = upstream([404]);
    expect((await rejection(request(del))).code).toBe('not_found');
  });

  it('reports a 404 after no answer as not found for a call without goneOnRetry', async () => {
    const { request } = upstream(['hang', 404]);
    const err = await rejection(request({ method: 'GET', path: '/accounts/1', schema, idempotent: true }));
    expect(err.code).toBe('not_found');
  });
});

describe('a change whose outcome is unknown', () => {
  it('says so, not "rate limited", when its retry is refused by a limit that began while it went unanswered', async () => {
    const calls: string[] = [];
    let readAnswered!: () => void;
    const answered = new Promise<void>((resolve) => (readAnswered = resolve));
    const fetch = (async (_url: string, init: RequestInit) => {
      calls.push(init.method!);
      if (init.method === 'PATCH') {
        // No answer: it times out once the other call has met the limit (an event, not a clock).
        await answered;
        throw new DOMException('The operation timed out.', 'TimeoutError');
      }
      return new Response(JSON.stringify({ message: 'Too Many Requests' }), {
        status: 429,
        headers: { 'content-type': 'application/json', 'retry-after': '60' },
      });
    }) as typeof globalThis.fetch;
    const request = createTransport({
      baseUrl: 'http://stackone.test',
      apiKey: 'k',
      timeoutMs: 60_000,
      baseDelayMs: 1,
      fetch,
    });
    const patch = rejection(
      request({ method: 'PATCH', path: '/accounts/1', schema, idempotent: true, priority: 'interactive' }),
    );
    // Another user's read meets StackOne's limit while the PATCH is unanswered.
    const read = await rejection(
      request({ method: 'GET', path: '/accounts/2', schema, idempotent: true, priority: 'interactive' }),
    );
    expect(read.code).toBe('rate_limited');
    readAnswered();
    const err = await patch;
    expect(err.code).toBe('outcome_unknown');
    expect(err.message).toMatch(
      /^StackOne did not answer PATCH \/accounts\/1 .*whether the change was made is unknown/,
    );
    expect(calls).toEqual(['PATCH', 'GET']);
  });

  it('a read refused the same way is rate limited: nothing was changed', async () => {
    const { request } = upstream(['hang', 429, 429, 429, 429, 429, 429, 429]);
    const err = await rejection(
      request({ method: 'GET', path: '/accounts/1', schema, idempotent: true, priority: 'interactive' }),
    );
    expect(err.code).toBe('rate_limited');
  });
});

describe('closing the transport', () => {
  it('ends a background call waiting out a Retry-After at once, and refuses new calls', async () => {
    let answered!: () => void;
    const limited = new Promise<void>((resolve) => (answered = resolve));
    const fetch = (async () => {
      answered();
      return new Response('{}', { status: 429, headers: { 'retry-after': '60' } });
    }) as unknown as typeof globalThis.fetch;
    const request = createTransport({ baseUrl: 'http://stackone.test', apiKey: 'k', timeoutMs: 1000, fetch });
    const call = rejection(request({ method: 'GET', path: '/accounts', schema, idempotent: true }));
    await limited;
    request.close();
    const err = await call; // without close() it would wait the 60 s out (past the test's timeout)
    expect(err).toMatchObject({ code: 'upstream_unavailable' });
    expect(err.message).toMatch(/shutting down/);
    const later = await rejection(request({ method: 'GET', path: '/accounts', schema, idempotent: true }));
    expect(later.message).toMatch(/shutting down/);
  });
});
