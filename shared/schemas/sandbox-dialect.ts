import { z } from 'zod';

/**
 * The sandbox's dialects: each one a plausible way the real StackOne may differ from the sandbox's
 * default behaviour (issue 9, docs/sandbox.md "Dialects"). All off by default. Shared so that the
 * console's tests and the doctor can name them without importing the sandbox.
 */
export const SANDBOX_DIALECTS = [
  'page-zero',
  'page-size-25',
  'short-pages',
  'envelope',
  'extra-fields',
  'sparse-logs',
  'logs-filter-bracket',
  'label-object',
  'bare-webhooks',
  'slow-429',
] as const;

export const SandboxDialectSchema = z.enum(SANDBOX_DIALECTS, {
  error: (issue) => `unknown dialect ${JSON.stringify(issue.input)} (known: ${SANDBOX_DIALECTS.join(', ')})`,
});
export type SandboxDialect = z.infer<typeof SandboxDialectSchema>;

/** Body of `PUT /_sandbox/dialects` and answer of `GET`/`PUT`: the whole set, in any order, no repeats needed. */
export const SandboxDialectsBodySchema = z.strictObject({
  dialects: z.array(SandboxDialectSchema, { error: 'dialects must be an array of dialect names' }),
});
export type SandboxDialectsBody = z.infer<typeof SandboxDialectsBodySchema>;
