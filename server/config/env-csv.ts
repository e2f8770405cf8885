import { z } from 'zod';

/** An optional comma-separated environment variable as a list of trimmed, non-empty items. */
export const envCsv = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
