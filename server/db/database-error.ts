import { DrizzleQueryError } from 'drizzle-orm/errors';

/** A query that failed: drizzle's wrapper, or the driver's own error (pg and PGlite both give a severity). */
export const isDatabaseError = (err: unknown): boolean =>
  err instanceof DrizzleQueryError ||
  (err instanceof Error && typeof (err as { severity?: unknown }).severity === 'string');
