import type { Connector } from '../catalog/connectors.ts';
import type { ConnectSession, SandboxAccount } from '../model.ts';
import type { SandboxStore } from './store.ts';

export interface LinkCredentials {
  setup_information: Record<string, string>;
  secrets: Record<string, string>;
}

export type LinkResult =
  { ok: true; account: SandboxAccount; created: boolean } | { ok: false; reason: 'account_gone' };

/**
 * Completes a Hub connection for a session: the one place that decides between updating and creating
 * (stackone-api.md §7, sandbox choice recorded in docs/sandbox-hub.md):
 * 1. an edit session (`account_id`) updates that account (`multiple` has no effect);
 * 2. otherwise, unless `multiple`, an account of the same `origin_owner_id` and provider is updated,
 *    taking the session's owner name and user name;
 * 3. otherwise a new account is created.
 * New credential values are merged over the stored ones. The account ends up `active` with no status
 * reasons, carrying the session's label and metadata when the session has them. Exactly one store
 * mutation happens, hence exactly one account event (webhook).
 */
export function linkAccount(
  store: SandboxStore,
  session: ConnectSession,
  connector: Connector,
  credentials: LinkCredentials,
): LinkResult {
  const common = {
    provider_name: connector.name,
    integration_id: connector.integration_id,
    authentication_config_key: connector.authentication_config_key,
    status: 'active' as const,
    status_reasons: null,
    ...(session.label !== null && { label: session.label }),
    // The SDK strips metadata keys and sends `{}`: an empty object carries nothing to store.
    ...(session.metadata && Object.keys(session.metadata).length > 0 && { metadata: session.metadata }),
  };

  const merge = (existing: SandboxAccount) => ({
    setup_information: { ...existing.setup_information, ...credentials.setup_information },
    secrets: { ...existing.secrets, ...credentials.secrets },
  });

  if (session.account_id) {
    const existing = store.getAccount(session.account_id);
    if (!existing) return { ok: false, reason: 'account_gone' };
    const account = store.updateAccount(existing.id, { ...common, ...merge(existing) })!;
    return { ok: true, account, created: false };
  }

  const existing = session.multiple
    ? undefined
    : store.findAccountByOwnerAndProvider(session.origin_owner_id, connector.provider);
  if (existing) {
    const account = store.updateAccount(existing.id, {
      ...common,
      ...merge(existing),
      origin_owner_name: session.origin_owner_name,
      ...(session.origin_username !== null && { origin_username: session.origin_username }),
    })!;
    return { ok: true, account, created: false };
  }

  const account = store.createAccount({
    ...common,
    provider: connector.provider,
    origin_owner_id: session.origin_owner_id,
    origin_owner_name: session.origin_owner_name,
    origin_username: session.origin_username,
    label: session.label,
    metadata: session.metadata,
    type: session.type,
    environment: 'production',
    setup_information: { ...credentials.setup_information },
    secrets: { ...credentials.secrets },
  });
  return { ok: true, account, created: true };
}
