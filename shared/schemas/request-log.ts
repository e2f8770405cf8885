import { z } from 'zod';

export const RequestLogSchema = z.object({
  /** Optional upstream (the SDK has it nullable). */
  requestId: z.string().nullable(),
  at: z.string().nullable(),
  method: z.string().nullable(),
  path: z.string().nullable(),
  url: z.string().nullable(),
  status: z.number().nullable(),
  durationMs: z.number().nullable(),
  success: z.boolean().nullable(),
  provider: z.string().nullable(),
  service: z.string().nullable(),
  resource: z.string().nullable(),
  action: z.string().nullable(),
  sourceType: z.string().nullable(),
});
export type RequestLog = z.infer<typeof RequestLogSchema>;

export const RequestLogPageSchema = z.object({
  items: z.array(RequestLogSchema),
  next: z.string().nullable(),
  /** Entries StackOne sent on this page that could not be read (left out, and logged by the server). */
  skipped: z.number().int().min(0),
});
export type RequestLogPage = z.infer<typeof RequestLogPageSchema>;

export const RequestLogQuerySchema = z.object({
  next: z.string().max(2000).optional(),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
