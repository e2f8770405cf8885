import type { SandboxAccount } from '../model.ts';

/**
 * The LinkedAccount wire shape (stackone-api.md §2.6): exactly the documented fields. `secrets`
 * never leave the sandbox and `credentials` is omitted (the SDK would strip it to `{}` anyway);
 * `setup_information` carries only the non-secret connection fields.
 */
export function toLinkedAccountWire(account: SandboxAccount) {
  return {
    id: account.id,
    provider: account.provider,
    provider_name: account.provider_name,
    status: account.status,
    status_reasons: account.status_reasons,
    origin_owner_id: account.origin_owner_id,
    origin_owner_name: account.origin_owner_name,
    origin_username: account.origin_username,
    setup_information: account.setup_information,
    label: account.label,
    type: account.type,
    created_at: account.created_at,
    updated_at: account.updated_at,
  };
}

export type LinkedAccountWire = ReturnType<typeof toLinkedAccountWire>;
