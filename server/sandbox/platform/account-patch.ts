import { z } from 'zod';
import { findConnector } from '../catalog/connectors.ts';
import type { SandboxAccount } from '../model.ts';
import type { AccountPatch } from '../state/store.ts';

const nullableString = (key: string) =>
  z
    .string({ error: `${key} must be a string or null` })
    .nullable()
    .optional();

const nonEmptyOrNull = (key: string) =>
  z
    .string({ error: `${key} must be a string or null` })
    .min(1, `${key} must not be empty`)
    .nullable()
    .optional();

const stringMap = (key: string) =>
  z
    .record(z.string(), z.string({ error: `every value of ${key} must be a string` }), {
      error: `${key} must be an object or null`,
    })
    .nullable()
    .optional();

/**
 * `PATCH /accounts/{id}` body (stackone-api.md §2.3). The SDK sends every free-form object as `{}`
 * and `label` only as an object, so `{}` must mean "no change" for all of them, and a string label
 * (what raw HTTP clients send) is the only way to set one. `null` clears a nullable field and leaves a
 * required one unchanged (the SDK lets callers send `null` for every field).
 */
export const AccountPatchSchema = z.object({
  provider: nonEmptyOrNull('provider'),
  origin_owner_id: nonEmptyOrNull('origin_owner_id'),
  origin_owner_name: nonEmptyOrNull('origin_owner_name'),
  origin_username: nullableString('origin_username'),
  authentication_config_key: nonEmptyOrNull('authentication_config_key'),
  environment: nonEmptyOrNull('environment'),
  type: z
    .enum(['production', 'test'], { error: 'type must be "production", "test" or null' })
    .nullable()
    .optional(),
  label: z
    .union([z.string(), z.record(z.string(), z.unknown()), z.null()], {
      error: 'label must be a string, an object (ignored) or null',
    })
    .optional(),
  setup_information: stringMap('setup_information'),
  credentials: stringMap('credentials'),
  secrets: stringMap('secrets'),
  metadata: z
    .record(z.string(), z.unknown(), { error: 'metadata must be an object or null' })
    .nullable()
    .optional(),
});

export type AccountPatchBody = z.output<typeof AccountPatchSchema>;

const isEmpty = (o: object) => Object.keys(o).length === 0;

/**
 * The form `label` takes: `string` is the default (a string sets it, an object is ignored), `object`
 * the `label-object` dialect, where the label is `{"value": "…"}` as the SDK and the API reference
 * type it an object, and a string is refused.
 */
export type LabelForm = 'string' | 'object';

type LabelUpdate = { ok: true; change: boolean; value: string | null } | { ok: false; message: string };

const noChange: LabelUpdate = { ok: true, change: false, value: null };

function readLabel(label: AccountPatchBody['label'], form: LabelForm): LabelUpdate {
  if (label === undefined) return noChange;
  if (label === null) return { ok: true, change: true, value: null };
  if (form === 'string')
    return typeof label === 'string' ? { ok: true, change: true, value: label } : noChange;
  if (typeof label === 'string')
    return {
      ok: false,
      message: 'label must be an object such as {"value": "EU entity"}, or null; got a string',
    };
  // `{}` (all the SDK can send) changes nothing, as in the default form.
  if (!('value' in label)) return noChange;
  const { value } = label;
  if (typeof value === 'string' || value === null) return { ok: true, change: true, value };
  return { ok: false, message: 'label.value must be a string or null' };
}

/** Why the label is refused in this form (a message for a 400), or null when it is acceptable. */
export function labelFormProblem(label: AccountPatchBody['label'], form: LabelForm): string | null {
  const read = readLabel(label, form);
  return read.ok ? null : read.message;
}

/** Turns a parsed body into a store patch, or an error message (unknown provider, refused label form). */
export function toAccountPatch(
  account: SandboxAccount,
  body: AccountPatchBody,
  labelForm: LabelForm = 'string',
): { ok: true; patch: AccountPatch } | { ok: false; message: string } {
  const label = readLabel(body.label, labelForm);
  if (!label.ok) return label;
  const patch: AccountPatch = {};
  if (body.provider) {
    const connector = findConnector(body.provider);
    if (!connector) return { ok: false, message: `Unknown provider "${body.provider}"` };
    patch.provider = connector.provider;
    patch.provider_name = connector.name;
    patch.integration_id = connector.integration_id;
  }
  if (body.origin_owner_id) patch.origin_owner_id = body.origin_owner_id;
  if (body.origin_owner_name) patch.origin_owner_name = body.origin_owner_name;
  if (body.origin_username !== undefined) patch.origin_username = body.origin_username;
  if (body.authentication_config_key) patch.authentication_config_key = body.authentication_config_key;
  if (body.environment) patch.environment = body.environment;
  if (body.type) patch.type = body.type;
  if (label.change) patch.label = label.value;

  if (body.setup_information === null) patch.setup_information = {};
  else if (body.setup_information && !isEmpty(body.setup_information))
    patch.setup_information = { ...account.setup_information, ...body.setup_information };

  // `credentials` and `secrets` both land in the write-only secrets (neither is ever returned).
  const secretUpdates = [body.credentials, body.secrets];
  if (secretUpdates.some((s) => s === null)) patch.secrets = {};
  for (const update of secretUpdates)
    if (update && !isEmpty(update)) patch.secrets = { ...(patch.secrets ?? account.secrets), ...update };

  if (body.metadata === null) patch.metadata = null;
  else if (body.metadata && !isEmpty(body.metadata))
    patch.metadata = { ...(account.metadata ?? {}), ...body.metadata };

  return { ok: true, patch };
}
