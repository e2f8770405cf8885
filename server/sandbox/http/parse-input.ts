import type { Context } from 'hono';
import type { z } from 'zod';
import { stackOneError } from './stackone-error.ts';

/*
 * The sandbox's one way to read a request's input, on the platform, control and Hub APIs alike: a zod
 * schema per JSON body or query, and a 400 with StackOne's error body naming every field to fix when
 * the input does not fit it. (The Hub's HTML pages read their few raw values directly: what they
 * answer to a bad one is a page, not this JSON.)
 */

/** The parsed input, or the 400 to answer. */
export type Parsed<T> = { ok: true; data: T } | { ok: false; response: Response };

/**
 * Every issue, each naming its field: a message that already starts with the field's name (the
 * platform schemas write StackOne-style sentences such as "page_size must be…") is kept as it is;
 * any other gets `field: ` in front.
 */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const field = issue.path.join('.');
      return field && !issue.message.startsWith(field) ? `${field}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

const invalid = (c: Context, message: string): Parsed<never> => ({
  ok: false,
  response: stackOneError(c, 400, message),
});

function parsed<S extends z.ZodType>(c: Context, schema: S, input: unknown): Parsed<z.output<S>> {
  const result = schema.safeParse(input);
  return result.success ? { ok: true, data: result.data } : invalid(c, describeIssues(result.error));
}

/**
 * The body as JSON, whatever the content type says (the SDK always sends JSON), parsed with `schema`.
 * An empty body counts as `{}`, as in StackOne's own framework, so bodiless POSTs get the defaults.
 */
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
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return invalid(c, 'Request body must be a JSON object');
  return parsed(c, schema, json);
}

/**
 * The query string parsed with `schema`, which reads each key as the list of every value given for
 * it, in order (the fields of query-fields.ts). `filter[key]` counts as `key`: the SDK flattens the
 * request-log filter to bare keys, clients following the OpenAPI deepObject style do not (§5.1).
 * Keys in `bracketOnly` are read only in their `filter[key]` form, their bare form ignored (the
 * `logs-filter-bracket` dialect).
 */
export function parseQuery<S extends z.ZodType>(
  c: Context,
  schema: S,
  { bracketOnly = [] }: { bracketOnly?: readonly string[] } = {},
): Parsed<z.output<S>> {
  const values = new Map<string, string[]>();
  for (const [rawKey, value] of new URL(c.req.url).searchParams) {
    if (bracketOnly.includes(rawKey)) continue;
    const key = /^filter\[([^\]]+)\]$/.exec(rawKey)?.[1] ?? rawKey;
    const list = values.get(key);
    if (list) list.push(value);
    else values.set(key, [value]);
  }
  return parsed(c, schema, Object.fromEntries(values));
}
