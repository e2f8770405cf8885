import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { requestJson, unwrap } from '../../../../web/lib/api-client.ts';
import {
  apiErrorFromResponse,
  ApiError,
  describeUpstream,
  toApiError,
} from '../../../../web/lib/api-error.ts';

const json = (body: unknown, status: number, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('apiErrorFromResponse', () => {
  it('reads the API error body: code, message, fields and upstream', async () => {
    const error = await apiErrorFromResponse(
      json(
        {
          error: {
            code: 'upstream_unavailable',
            message: 'StackOne is unreachable',
            fields: { label: 'Too long' },
            upstream: { status: 503, requestId: 'req_1' },
          },
        },
        503,
      ),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 503,
      code: 'upstream_unavailable',
      message: 'StackOne is unreachable',
      fields: { label: 'Too long' },
      upstream: { status: 503, requestId: 'req_1' },
    });
    expect(describeUpstream(error.upstream)).toBe('StackOne answered 503 (request id req_1)');
  });

  it('turns a non-JSON body into a message naming the status', async () => {
    const error = await apiErrorFromResponse(
      new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
    );
    expect(error).toMatchObject({
      status: 502,
      code: 'upstream_error',
      message: 'The server answered 502 Bad Gateway.',
    });
  });

  it('keeps the message of a bare { message } body, as better-auth sends', async () => {
    const error = await apiErrorFromResponse(
      json({ code: 'INVALID_EMAIL_OR_PASSWORD', message: 'Invalid email or password' }, 401),
    );
    expect(error).toMatchObject({
      status: 401,
      code: 'unauthenticated',
      message: 'Invalid email or password',
    });
    expect(error.isUnauthenticated).toBe(true);
  });

  it('recognises a 401 without a body as an ended session', async () => {
    const error = await apiErrorFromResponse(new Response(null, { status: 401 }));
    expect(error.isUnauthenticated).toBe(true);
    expect(error.code).toBe('unauthenticated');
  });

  it('reads Retry-After on a 429', async () => {
    const error = await apiErrorFromResponse(
      new Response('slow down', { status: 429, headers: { 'retry-after': '42' } }),
    );
    expect(error).toMatchObject({ status: 429, code: 'rate_limited', retryAfterSeconds: 42 });
  });
});

describe('toApiError', () => {
  it('turns a failed fetch into a network error with status 0', () => {
    const error = toApiError(new TypeError('Failed to fetch'));
    expect(error).toMatchObject({ status: 0, code: 'network_error' });
    expect(error.isNetworkError).toBe(true);
  });

  it('passes an ApiError through unchanged', () => {
    const original = new ApiError({ status: 404, code: 'not_found', message: 'No account' });
    expect(toApiError(original)).toBe(original);
  });
});

describe('the API client', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('unwrap answers the body of a success', async () => {
    await expect(unwrap(Promise.resolve(json({ items: [] }, 200)) as never)).resolves.toEqual({ items: [] });
  });

  it('unwrap throws an ApiError for an error body', async () => {
    const call = Promise.resolve(json({ error: { code: 'forbidden', message: 'No' } }, 403));
    await expect(unwrap(call as never)).rejects.toMatchObject({
      status: 403,
      code: 'forbidden',
      message: 'No',
    });
  });

  it('unwrap throws an ApiError when the network fails', async () => {
    await expect(unwrap(Promise.reject(new TypeError('Failed to fetch')) as never)).rejects.toMatchObject({
      status: 0,
      code: 'network_error',
    });
  });

  it('unwrap throws an ApiError when a success is not JSON', async () => {
    const call = Promise.resolve(new Response('<html></html>', { status: 200 }));
    await expect(unwrap(call as never)).rejects.toMatchObject({ status: 200, code: 'bad_response' });
  });

  it('requestJson parses the body with the schema and rejects the wrong shape', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => json({ needsSetup: 'yes' }, 200)),
    );
    await expect(requestJson('/setup', z.object({ needsSetup: z.boolean() }))).rejects.toMatchObject({
      code: 'bad_response',
    });
  });

  it('requestJson sends JSON and reports a 401 as unauthenticated', async () => {
    const fetch = vi.fn(async (_url: string, _init?: RequestInit) => new Response(null, { status: 401 }));
    vi.stubGlobal('fetch', fetch);
    const error: unknown = await requestJson('/me', z.unknown(), { method: 'POST', json: { a: 1 } }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).isUnauthenticated).toBe(true);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('/api/me');
    expect(init?.body).toBe('{"a":1}');
    expect(new Headers(init?.headers).get('content-type')).toBe('application/json');
  });
});
