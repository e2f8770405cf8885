import type { AccountListQuery, AccountListResponse } from './account-filters.ts';
import type { ConnectorList } from './connector.ts';
import type { Me, SetupStatus } from './users.ts';

/**
 * What the server's first paint of `/accounts` hands the SPA with the picture: the answers its first
 * screen would ask for (`/api/me`, `/api/setup`, `/api/accounts` for the URL's search, and
 * `/api/connectors` when the server already holds them), so it draws without a round trip.
 */
export interface FirstPaintData {
  search: AccountListQuery;
  me: Me;
  setup: SetupStatus;
  list: AccountListResponse;
  connectors: ConnectorList | null;
}
