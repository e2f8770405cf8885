import type { Context } from 'hono';
import type { z } from 'zod';

export type BodyResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** The first issue of a zod error as one sentence; schemas carry their own field-named messages. */
export function firstIssueMessage(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'Invalid request body';
  return issue.message;
}

/** Reads the body as JSON (whatever the content type says) and parses it with `schema`. */
export async function parseJsonBody<S extends z.ZodType>(
  c: Context,
  schema: S,
): Promise<BodyResult<z.output<S>>> {
  const text = await c.req.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: 'Request body must be valid JSON' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return { ok: false, message: 'Request body must be a JSON object' };
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { ok: false, message: firstIssueMessage(parsed.error) };
  return { ok: true, value: parsed.data };
}
