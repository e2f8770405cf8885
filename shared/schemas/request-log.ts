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

const HeadersSchema = z.record(z.string(), z.string());

/** `GET /api/accounts/:id/logs/:logId`: one entry with what was sent, what came back and why it failed. */
export const RequestLogDetailSchema = RequestLogSchema.extend({
  request: z
    .object({
      method: z.string().nullable(),
      url: z.string().nullable(),
      headers: HeadersSchema,
      body: z.unknown(),
    })
    .nullable(),
  response: z.object({ status: z.number().nullable(), headers: HeadersSchema, body: z.unknown() }).nullable(),
  providerErrors: z.array(
    z.object({
      status: z.number().nullable(),
      url: z.string().nullable(),
      raw: z.unknown(),
      headers: HeadersSchema,
    }),
  ),
  mappingErrors: z.array(z.object({ message: z.string().nullable(), targetField: z.string().nullable() })),
  steps: z.array(RequestLogSchema),
});
export type RequestLogDetail = z.infer<typeof RequestLogDetailSchema>;

export const RequestLogIdParamSchema = z.object({ id: z.string().min(1), logId: z.string().min(1).max(200) });

export const RequestLogQuerySchema = z.object({
  next: z.string().max(2000).optional(),
  /** Only entries StackOne marks unsuccessful (`success=false` upstream). */
  failedOnly: z.enum(['true', 'false']).optional(),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
