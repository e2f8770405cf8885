import { z } from 'zod';

export const ERROR_CODES = [
  'bad_request',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'payload_too_large',
  'invalid_signature',
  'upstream_error',
  'upstream_unavailable',
  'upstream_timeout',
  /** A change StackOne may or may not have made: its answer never came and the retry was refused. */
  'outcome_unknown',
  'internal',
] as const;
export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/** The one error body of `/api`: `{ error: { code, message, fields } }`. */
export const ApiErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** Field path (dotted) → message, for form errors. */
    fields: z.record(z.string(), z.string()).optional(),
    /** Upstream (StackOne) status and request id, when the failure came from there. */
    upstream: z.object({ status: z.number().nullable(), requestId: z.string().nullable() }).optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBodySchema>;
