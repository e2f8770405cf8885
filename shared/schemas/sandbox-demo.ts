import { z } from 'zod';

/** `GET /api/sandbox`: whether this console runs on the embedded StackOne sandbox. */
export const SandboxInfoSchema = z.object({
  enabled: z.boolean(),
  /** The sandbox's documentation, served by the console itself (docs/sandbox.md). */
  docsUrl: z.string().nullable(),
});
export type SandboxInfo = z.infer<typeof SandboxInfoSchema>;

/** `POST /api/sandbox/accounts/:id/break`: StackOne marks the account broken, as a real provider would. */
export const BreakAccountRequestSchema = z.strictObject({
  status: z.enum(['error', 'inactive']).default('error'),
  code: z
    .string()
    .trim()
    .max(100)
    .regex(/^[a-z0-9_.-]*$/, 'a reason code is lower-case letters, digits, _ . or -')
    .optional()
    .transform((v) => v || undefined),
});
export type BreakAccountRequest = z.output<typeof BreakAccountRequestSchema>;

/** The StackOne paths a demo fault can hit (path prefixes of the platform API). */
export const FAULT_PATHS = ['/accounts', '/connect_sessions', '/requests/logs', '/connectors'] as const;

/** `POST /api/sandbox/faults`: the next `times` StackOne calls (on `path`, or any) fail with `status`. */
export const InjectFaultRequestSchema = z.strictObject({
  status: z.union([z.literal(429), z.literal(500), z.literal(502), z.literal(503)]),
  path: z.enum(FAULT_PATHS).optional(),
  times: z.number().int().min(1).max(100).default(5),
});
export type InjectFaultRequest = z.output<typeof InjectFaultRequestSchema>;
