import { z } from 'zod';

/** StackOne wire shapes (stackone-api.md). Unknown fields are stripped; enums stay open. */

const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO date-time');

export const UpstreamStatusReasonSchema = z.object({
  code: z.string().nullish(),
  description: z.string().nullish(),
  timestamp: isoDate,
});

export const UpstreamLinkedAccountSchema = z.object({
  id: z.string(),
  provider: z.string(),
  provider_name: z.string().nullish(),
  status: z.string(),
  status_reasons: z.array(UpstreamStatusReasonSchema).nullish(),
  origin_owner_id: z.string(),
  origin_owner_name: z.string(),
  origin_username: z.string().nullish(),
  label: z.string().nullish(),
  type: z.string().nullish(),
  created_at: isoDate,
  updated_at: isoDate,
});
export type UpstreamLinkedAccount = z.infer<typeof UpstreamLinkedAccountSchema>;

export const UpstreamAccountMetaSchema = z.object({
  provider: z.string(),
  category: z.string(),
  models: z.record(z.string(), z.unknown()).default({}),
});
export type UpstreamAccountMeta = z.infer<typeof UpstreamAccountMetaSchema>;

export const UpstreamConnectSessionSchema = z.object({
  id: z.number(),
  token: z.string(),
  auth_link_url: z.string(),
  account_id: z.string().nullish(),
  created_at: isoDate,
  origin_owner_id: z.string(),
});
export type UpstreamConnectSession = z.infer<typeof UpstreamConnectSessionSchema>;

export const UpstreamConnectorMetaSchema = z.object({
  provider: z.string(),
  provider_name: z.string(),
  category: z.string(),
  active: z.boolean().nullish(),
  resources: z.object({ images: z.object({ logo_url: z.string().nullish() }).nullish() }).nullish(),
});
export type UpstreamConnectorMeta = z.infer<typeof UpstreamConnectorMetaSchema>;

/** Every field of a list entry is optional and nullable (SDK UnifiedLogsPartial). */
export const UpstreamRequestLogSchema = z.object({
  request_id: z.string().nullish(),
  account_id: z.string().nullish(),
  event_datetime: z.string().nullish(),
  http_method: z.string().nullish(),
  path: z.string().nullish(),
  url: z.string().nullish(),
  status: z.number().nullish(),
  duration: z.number().nullish(),
  success: z.boolean().nullish(),
  provider: z.string().nullish(),
  service: z.string().nullish(),
  resource: z.string().nullish(),
  action: z.string().nullish(),
  source_type: z.string().nullish(),
});
export type UpstreamRequestLog = z.infer<typeof UpstreamRequestLogSchema>;

const headerMap = z.record(z.string(), z.unknown()).nullish();

/** `GET /requests/logs/{id}` (stackone-api.md §5.2): the entry with its request, response and steps. */
export const UpstreamRequestLogDetailSchema = z.object({
  data: UpstreamRequestLogSchema.extend({
    request: z
      .object({
        method: z.string().nullish(),
        headers: headerMap,
        body: z.unknown(),
        url: z.object({ url: z.string().nullish() }).nullish(),
      })
      .nullish(),
    response: z
      .object({
        status_code: z.number().nullish(),
        headers: headerMap,
        body: z.unknown(),
        custom_mapping_errors: z
          .array(
            z.object({
              id: z.string().nullish(),
              message: z.string().nullish(),
              targetField: z.string().nullish(),
            }),
          )
          .nullish(),
        provider_errors: z
          .array(
            z.object({
              status: z.number().nullish(),
              url: z.string().nullish(),
              raw: z.unknown(),
              headers: headerMap,
            }),
          )
          .nullish(),
      })
      .nullish(),
    step_requests: z.array(UpstreamRequestLogSchema).nullish(),
  }),
});
export type UpstreamRequestLogDetail = z.infer<typeof UpstreamRequestLogDetailSchema>['data'];

export const UpstreamErrorBodySchema = z.object({
  statusCode: z.number().optional(),
  message: z.string().optional(),
});
