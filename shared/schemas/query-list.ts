import { z } from 'zod';

/**
 * A list in a query string: a single value or a repeated one, with comma lists split
 * (`status=active,error&status=inactive`). The lists of every table's filters parse with it.
 */
export const queryList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) =>
    (Array.isArray(v) ? v : v === undefined ? [] : [v])
      .flatMap((s) => s.split(','))
      .map((s) => s.trim())
      .filter(Boolean),
  );
