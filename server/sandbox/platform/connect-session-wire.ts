import type { ConnectSession } from '../model.ts';

/**
 * ConnectSession (stackone-api.md §3.2): `id` and `organization_id` are numbers, `project_id` a
 * string. `multiple` and `expires_at` are extras the SDK drops; raw clients can use them.
 */
export function toConnectSessionWire(session: ConnectSession) {
  return {
    id: session.id,
    organization_id: session.organization_id,
    project_id: session.project_id,
    origin_owner_id: session.origin_owner_id,
    origin_owner_name: session.origin_owner_name,
    origin_username: session.origin_username,
    provider: session.provider,
    provider_version: session.provider_version,
    account_id: session.account_id,
    categories: session.categories,
    label: session.label,
    metadata: session.metadata,
    multiple: session.multiple,
    type: session.type,
    external_trigger_token: session.external_trigger_token,
    created_at: session.created_at,
    expires_at: session.expires_at,
  };
}

/** ConnectSessionTokenAuthLink (§3.1): the session plus its token and hosted auth link. */
export function toConnectSessionTokenWire(session: ConnectSession, publicUrl: string) {
  return {
    ...toConnectSessionWire(session),
    token: session.token,
    auth_link_url: `${publicUrl}/embedded/integrations?token=${encodeURIComponent(session.token)}`,
  };
}
