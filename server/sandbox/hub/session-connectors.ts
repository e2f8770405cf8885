import {
  CONNECTORS,
  findConnector,
  findConnectorByIntegration,
  type Connector,
} from '../catalog/connectors.ts';
import type { ConnectSession } from '../model.ts';
import type { SandboxStore } from '../state/store.ts';

/**
 * The connectors a session may link. An edit session (`account_id`) sees only its account's integration
 * (so the Hub's first, unfiltered list already auto-selects it); otherwise `provider` and `categories`
 * narrow the catalogue. The Hub itself filters nothing: this is the only place restrictions apply.
 */
export function sessionConnectors(store: SandboxStore, session: ConnectSession): Connector[] {
  if (session.account_id) {
    const account = store.getAccount(session.account_id);
    if (!account) return [];
    const connector = findConnectorByIntegration(account.integration_id) ?? findConnector(account.provider);
    return connector ? [connector] : [];
  }
  return CONNECTORS.filter(
    (c) =>
      (!session.provider || c.provider === session.provider) &&
      (!session.categories?.length || session.categories.includes(c.category)),
  );
}

/** The session's connector for an integration id, or undefined when the session may not use it. */
export function sessionConnector(
  store: SandboxStore,
  session: ConnectSession,
  integrationId: string,
): Connector | undefined {
  return sessionConnectors(store, session).find((c) => c.integration_id === integrationId);
}
