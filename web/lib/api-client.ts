import { hc, type ClientResponse } from 'hono/client';
import type { z } from 'zod';
import type { AppType } from '../../server/app.ts';
import { apiErrorFromResponse, ApiError, toApiError } from './api-error.ts';

/** The typed client of `/api`: paths, inputs and success bodies come from the server's routes. */
export const api = hc<AppType>('/api');

type AnyClientResponse = ClientResponse<unknown, number, string>;
type JsonBody<R> = R extends ClientResponse<infer T, number, 'json'> ? T : never;

async function readJson(res: Response): Promise<unknown> {
  if (res.status === 204) return undefined;
  try {
    return await res.json();
  } catch (err) {
    throw new ApiError({
      status: res.status,
      code: 'bad_response',
      message: 'The server answered with something that is not JSON.',
      cause: err,
    });
  }
}

/** Awaits a typed client call: the success body, or an ApiError for every kind of failure. */
export async function unwrap<R extends AnyClientResponse>(call: Promise<R>): Promise<JsonBody<R>> {
  let res: R;
  try {
    res = await call;
  } catch (err) {
    throw toApiError(err);
  }
  if (!res.ok) throw await apiErrorFromResponse(res as unknown as Response);
  return (await readJson(res as unknown as Response)) as JsonBody<R>;
}

/**
 * For `/api` routes outside `AppType` (better-auth's handler): plain fetch, body parsed by the
 * shared schema so the type still comes from one place.
 */
export async function requestJson<S extends z.ZodType>(
  path: string,
  schema: S,
  init: RequestInit & { json?: unknown } = {},
): Promise<z.output<S>> {
  const { json, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (json !== undefined) headers.set('content-type', 'application/json');
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      ...rest,
      headers,
      body: json === undefined ? rest.body : JSON.stringify(json),
      credentials: 'same-origin',
    });
  } catch (err) {
    throw toApiError(err);
  }
  if (!res.ok) throw await apiErrorFromResponse(res);
  const body = await readJson(res);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError({
      status: res.status,
      code: 'bad_response',
      message: `The server's answer to ${path} did not have the expected shape.`,
      cause: parsed.error,
    });
  }
  return parsed.data;
}
