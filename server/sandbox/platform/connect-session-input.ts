import { z } from 'zod';
import { EXPIRES_IN } from '../http/input-defaults.ts';
import { CATEGORIES } from '../model.ts';

const requiredString = (key: string) =>
  z
    .string({
      error: (issue) => (issue.input === undefined ? `${key} is required` : `${key} must be a string`),
    })
    .min(1, `${key} must not be empty`);

const optionalString = (key: string) =>
  z
    .string({ error: `${key} must be a string or null` })
    .nullable()
    .optional();

/**
 * `POST /connect_sessions` body (stackone-api.md §3.1). `null` for `expires_in`, `multiple` and
 * `type` means the default, like an absent field. Newer fields (`connector_profile_id`,
 * `integration_id`, `shared`, `relink`, `scopes`) are accepted and ignored: unknown keys are stripped.
 */
export const ConnectSessionCreateSchema = z.object({
  origin_owner_id: requiredString('origin_owner_id'),
  origin_owner_name: requiredString('origin_owner_name'),
  origin_username: optionalString('origin_username'),
  provider: z
    .string({ error: 'provider must be a string or null' })
    .min(1, 'provider must not be empty')
    .nullable()
    .optional(),
  provider_version: optionalString('provider_version'),
  categories: z
    .array(z.enum(CATEGORIES, { error: (issue) => `Unknown category ${JSON.stringify(issue.input)}` }), {
      error: 'categories must be an array or null',
    })
    .nullable()
    .optional(),
  account_id: optionalString('account_id'),
  expires_in: z
    .number({ error: 'expires_in must be a positive number of seconds or null' })
    .positive('expires_in must be a positive number of seconds or null')
    .max(EXPIRES_IN.max, `expires_in must be at most ${EXPIRES_IN.max} seconds (one year)`)
    .nullable()
    .optional(),
  multiple: z.boolean({ error: 'multiple must be a boolean or null' }).nullable().optional(),
  label: optionalString('label'),
  metadata: z
    .record(z.string(), z.unknown(), { error: 'metadata must be an object or null' })
    .nullable()
    .optional(),
  type: z
    .enum(['production', 'test'], { error: 'type must be "production", "test" or null' })
    .nullable()
    .optional(),
});

export type ConnectSessionCreateBody = z.output<typeof ConnectSessionCreateSchema>;

export const ConnectSessionAuthenticateSchema = z.object({
  token: requiredString('token'),
});
