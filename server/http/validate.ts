import type { ValidationTargets } from 'hono';
import { validator } from 'hono/validator';
import type { z } from 'zod';
import { AppError } from './app-error.ts';

/** Field path → first message, for `{ error: { fields } }`. */
export function zodFields(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    fields[key] ??= issue.message;
  }
  return fields;
}

/**
 * Path of the first string holding a NUL character: Postgres text and jsonb cannot store one, so it
 * would fail a query (a 500) wherever the value reached the database.
 */
export function nulCharacterPath(value: unknown, path: string[] = []): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') || '_' : null;
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = nulCharacterPath(item, [...path, key]);
      if (found !== null) return found;
    }
  }
  return null;
}

/** Hono validator backed by a shared zod schema; bad input becomes a 400 AppError with fields. */
export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T,
) {
  return validator(target, (value): z.output<T> => {
    const nul = nulCharacterPath(value);
    if (nul !== null) {
      const message = 'must not contain a NUL character';
      throw new AppError('bad_request', `Invalid ${target}: ${nul}: ${message}`, {
        fields: { [nul]: message },
      });
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const fields = zodFields(parsed.error);
      const first = Object.entries(fields)[0];
      throw new AppError(
        'bad_request',
        first ? `Invalid ${target}: ${first[0]}: ${first[1]}` : `Invalid ${target}`,
        {
          fields,
        },
      );
    }
    return parsed.data;
  });
}
