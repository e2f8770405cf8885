import type { Context } from 'hono';
import type { z } from 'zod';
import { stackOneError } from '../http/stackone-error.ts';

export type Parsed<T> = { ok: true; data: T } | { ok: false; response: Response };

/** Every issue as `path: message`, so a bad body says which fields to fix. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

const invalid = (c: Context, message: string): Parsed<never> => ({
  ok: false,
  response: stackOneError(c, 400, message),
});

/** Parses the JSON body with `schema`; an empty body counts as `{}` so bodiless POSTs can use defaults. */
export async function parseJsonBody<S extends z.ZodType>(
  c: Context,
  schema: S,
): Promise<Parsed<z.output<S>>> {
  const text = await c.req.text();
  let json: unknown = {};
  if (text.trim()) {
    try {
      json = JSON.parse(text);
    } catch {
      return invalid(c, 'Request body must be valid JSON');
    }
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? { ok: true, data: parsed.data } : invalid(c, describeIssues(parsed.error));
}

export function parseQuery<S extends z.ZodType>(c: Context, schema: S): Parsed<z.output<S>> {
  const parsed = schema.safeParse(c.req.query());
  return parsed.success ? { ok: true, data: parsed.data } : invalid(c, describeIssues(parsed.error));
}
