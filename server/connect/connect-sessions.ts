import type {
  AccountConnectSessionRequest,
  ConnectSessionResponse,
  CreateConnectSessionRequestSchema,
} from '../../shared/schemas/connect-session.ts';
import type { z } from 'zod';
import type { AppDeps } from '../app-deps.ts';
import { withLedgerEntry } from '../links/ledger-session.ts';
import type { UpstreamConnectSession } from '../stackone/upstream-schemas.ts';

const DEFAULT_EXPIRES_IN = { hub: 1800, auth_link: 7 * 86_400 } as const;

function toResponse(
  deps: AppDeps,
  session: UpstreamConnectSession,
  expiresIn: number,
): ConnectSessionResponse {
  return {
    token: session.token,
    authLinkUrl: session.auth_link_url,
    expiresAt: new Date(Date.parse(session.created_at) + expiresIn * 1000).toISOString(),
    hub: { baseUrl: deps.config.stackOne.hubBaseUrl, appUrl: deps.config.stackOne.hubAppUrl },
    accountId: session.account_id ?? null,
  };
}

/**
 * A session that opens the Hub in edit mode for one account. Owner and provider come from the account
 * as StackOne returns it, never from the browser (StackOne: "always set origin_owner_id server-side").
 */
export async function createAccountConnectSession(
  deps: AppDeps,
  userId: string,
  accountId: string,
  request: AccountConnectSessionRequest,
): Promise<ConnectSessionResponse> {
  // The user's own calls: behind sync and webhooks, and failing fast while StackOne rate limits.
  const stackOne = deps.stackOne.forUser(userId);
  const account = await stackOne.getAccount(accountId);
  const expiresIn = request.expiresIn ?? DEFAULT_EXPIRES_IN[request.purpose];
  const session = await stackOne.createConnectSession({
    origin_owner_id: account.origin_owner_id,
    origin_owner_name: account.origin_owner_name,
    ...(account.origin_username ? { origin_username: account.origin_username } : {}),
    provider: account.provider,
    account_id: account.id,
    expires_in: expiresIn,
  });
  const response = toResponse(deps, session, expiresIn);
  if (request.purpose !== 'auth_link') return response;
  return withLedgerEntry(deps, userId, response, {
    kind: 'relink',
    accountId: account.id,
    originOwnerId: account.origin_owner_id,
    originOwnerName: account.origin_owner_name,
    provider: account.provider,
    label: account.label ?? null,
  });
}

/** A session for a new account (multiple mode unless told otherwise), optionally locked to a provider. */
export async function createNewAccountConnectSession(
  deps: AppDeps,
  userId: string,
  request: z.output<typeof CreateConnectSessionRequestSchema>,
): Promise<ConnectSessionResponse> {
  const expiresIn = request.expiresIn ?? DEFAULT_EXPIRES_IN[request.purpose];
  const session = await deps.stackOne.forUser(userId).createConnectSession({
    origin_owner_id: request.originOwnerId,
    origin_owner_name: request.originOwnerName,
    ...(request.originUsername ? { origin_username: request.originUsername } : {}),
    ...(request.provider ? { provider: request.provider } : {}),
    ...(request.categories?.length ? { categories: request.categories } : {}),
    ...(request.label ? { label: request.label } : {}),
    multiple: request.multiple,
    expires_in: expiresIn,
  });
  const response = toResponse(deps, session, expiresIn);
  if (request.purpose !== 'auth_link') return response;
  return withLedgerEntry(deps, userId, response, {
    kind: 'new_account',
    accountId: null,
    originOwnerId: request.originOwnerId,
    originOwnerName: request.originOwnerName,
    provider: request.provider ?? null,
    label: request.label ?? null,
  });
}
