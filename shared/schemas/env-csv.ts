import { z } from 'zod';

/**
 * An optional comma-separated environment variable as a list of trimmed, non-empty items. Shared so
 * that the console and the sandbox, which may not import each other, parse lists alike.
 */
export const envCsv = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
