import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { isSecretField, type Connector } from '../catalog/connectors.ts';
import { ACCOUNT_STATUSES } from '../model.ts';
import type { AccountInput } from '../state/store.ts';
import { statusReason } from './status-reasons.ts';

const isoDate = z.iso.datetime({ offset: true }).transform((v) => new Date(v).toISOString());

export const CreateAccountSchema = z.strictObject({
  /** Optional fixed id (tests); a 20-digit one is generated otherwise. */
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and - only (1 to 64)')
    .optional(),
  provider: z.string().min(1),
  origin_owner_id: z.string().min(1),
  origin_owner_name: z.string().min(1),
  origin_username: z.string().nullable().optional(),
  label: z.string().nullable().optional(),
  status: z.enum(ACCOUNT_STATUSES).default('active'),
  status_reasons: z
    .array(
      z.strictObject({
        code: z.string().nullable().default(null),
        description: z.string().nullable().default(null),
        timestamp: isoDate.optional(),
      }),
    )
    .nullable()
    .optional(),
  type: z.enum(['production', 'test']).default('production'),
  metadata: z.record(z.string(), z.unknown()).nullable().optional(),
  /** Non-secret connection fields; the connector's other fields get placeholder values. */
  setup_information: z.record(z.string(), z.string()).optional(),
  /** Backdates the account (for list-order tests); normalised to UTC. */
  created_at: isoDate.optional(),
});

export type CreateAccountBody = z.output<typeof CreateAccountSchema>;

/** The store input for an account created directly, with placeholder credentials for its connector. */
export function newAccountInput(connector: Connector, body: CreateAccountBody): AccountInput {
  const setup_information: Record<string, string> = {};
  const secrets: Record<string, string> = {};
  for (const field of connector.fields) {
    if (isSecretField(field)) secrets[field.key] = `sandbox_${randomBytes(8).toString('hex')}`;
    else setup_information[field.key] = field.value ?? field.options?.[0]?.value ?? 'sandbox';
  }
  if (connector.auth === 'oauth2') secrets.access_token = `ya29.${randomBytes(16).toString('hex')}`;
  const now = new Date().toISOString();
  const status_reasons =
    body.status_reasons !== undefined
      ? (body.status_reasons?.map((r) => ({ ...r, timestamp: r.timestamp ?? now })) ?? null)
      : body.status === 'error'
        ? [statusReason('error', connector.name)]
        : null;
  return {
    ...(body.id ? { id: body.id } : {}),
    ...(body.created_at ? { created_at: body.created_at } : {}),
    provider: connector.provider,
    provider_name: connector.name,
    status: body.status,
    status_reasons,
    origin_owner_id: body.origin_owner_id,
    origin_owner_name: body.origin_owner_name,
    origin_username: body.origin_username ?? null,
    label: body.label ?? null,
    type: body.type,
    integration_id: connector.integration_id,
    authentication_config_key: connector.authentication_config_key,
    environment: 'production',
    setup_information: { ...setup_information, ...body.setup_information },
    secrets,
    metadata: body.metadata ?? null,
  };
}
