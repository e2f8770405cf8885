import type { ValidationTargets } from 'hono';
import { validator } from 'hono/validator';
import type { z } from 'zod';
import { AppError } from './app-error.ts';
import { findUnsafeText } from './pg-safe-text.ts';

/** Field path → first message, for `{ error: { fields } }`. */
export function zodFields(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    fields[key] ??= issue.message;
  }
  return fields;
}

/** Hono validator backed by a shared zod schema; bad input becomes a 400 AppError with fields. */
export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T,
) {
  return validator(target, (value): z.output<T> => {
    // Before the schema: text Postgres cannot store would fail a query (a 500) wherever it reached the
    // database, or, once sent upstream, leave a change that no audit row could record.
    const unsafe = findUnsafeText(value);
    if (unsafe) {
      throw new AppError('bad_request', `Invalid ${target}: ${unsafe.path}: ${unsafe.message}`, {
        fields: { [unsafe.path]: unsafe.message },
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
