import type { z } from 'zod';
import type {
  AccountConnectSessionRequest,
  ConnectSessionResponse,
  CreateConnectSessionRequestSchema,
} from '../../../shared/schemas/connect-session.ts';
import { api, unwrap } from '../api-client.ts';

/** A session for an existing account: the Hub in edit mode, or a re-link auth link. */
export function createAccountConnectSession(
  accountId: string,
  request: AccountConnectSessionRequest,
): Promise<ConnectSessionResponse> {
  return unwrap(api.accounts[':id']['connect-session'].$post({ param: { id: accountId }, json: request }));
}

/** The body as the server reads it: `multiple` and `purpose` always spelled out. */
export type NewConnectSessionRequest = z.output<typeof CreateConnectSessionRequestSchema>;

/** A session for a new account of a customer. */
export function createNewConnectSession(request: NewConnectSessionRequest): Promise<ConnectSessionResponse> {
  return unwrap(api['connect-sessions'].$post({ json: request }));
}
