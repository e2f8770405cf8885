/** The sandbox's own records. Wire shapes are produced from them in platform/ and hub/. */

export const ACCOUNT_STATUSES = ['active', 'inactive', 'error'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

// StackOne's closed category enum (the SDK rejects any other value), defined once for the console.
export { CATEGORIES } from '../../shared/schemas/connect-session.ts';
import type { CATEGORIES } from '../../shared/schemas/connect-session.ts';
export type Category = (typeof CATEGORIES)[number];

export type AccountType = 'production' | 'test';

export interface StatusReason {
  code: string | null;
  description: string | null;
  timestamp: string;
}

export interface SandboxAccount {
  id: string;
  provider: string;
  provider_name: string;
  status: AccountStatus;
  status_reasons: StatusReason[] | null;
  origin_owner_id: string;
  origin_owner_name: string;
  origin_username: string | null;
  label: string | null;
  type: AccountType;
  integration_id: string;
  authentication_config_key: string;
  environment: string;
  /** Non-secret connection fields (subdomain, region…), returned as `setup_information`. */
  setup_information: Record<string, string>;
  /** Secret fields; never leave the sandbox except as redacted placeholders to the Hub. */
  secrets: Record<string, string>;
  metadata: Record<string, unknown> | null;
  created_at: string;
  updated_at: string;
}

export interface ConnectSession {
  id: number;
  organization_id: number;
  project_id: string;
  token: string;
  origin_owner_id: string;
  origin_owner_name: string;
  origin_username: string | null;
  provider: string | null;
  provider_version: string | null;
  categories: Category[] | null;
  account_id: string | null;
  multiple: boolean;
  label: string | null;
  metadata: Record<string, unknown> | null;
  type: AccountType;
  external_trigger_token: string;
  created_at: string;
  expires_at: string;
}

export type ConnectionAttemptStatus = 'pending' | 'authenticated' | 'error' | 'cancelled' | 'expired';

export interface ConnectionAttempt {
  id: string;
  token: string;
  status: ConnectionAttemptStatus;
  integration_id: string | null;
  account_id: string | null;
  error: { code: string; description: string } | null;
  created_at: string;
}

export interface StepLog {
  request_id: string;
  id: string;
  start_time: string;
  end_time: string;
  account_id: string;
  project_id: string;
  http_method: string;
  path: string;
  url: string;
  status: number;
  duration: number;
  success: boolean;
  provider: string;
  service: string;
  resource: string;
  child_resource: string | null;
  sub_resource: string | null;
  action: string;
  is_worker: boolean;
  source_ip: string;
  request: {
    id: string;
    method: string;
    headers: Record<string, string>;
    body: unknown;
    url: { url: string; hostname: string; path: string; query_params: Record<string, string> };
  };
  response: { status_code: number; headers: Record<string, string>; body: unknown };
}

export interface RequestLog {
  request_id: string;
  event_datetime: string;
  start_time: string;
  end_time: string;
  account_id: string;
  project_id: string;
  http_method: string;
  path: string;
  url: string;
  status: number;
  duration: number;
  success: boolean;
  provider: string;
  service: string;
  resource: string;
  child_resource: string | null;
  sub_resource: string | null;
  action: string;
  is_worker: boolean;
  source_type: string;
  source_value: string;
  source_id: string;
  source_ip: string;
  request: StepLog['request'];
  response: StepLog['response'] & {
    provider_errors?: {
      status: number;
      url: string;
      raw: Record<string, unknown>;
      headers: Record<string, string>;
    }[];
  };
  step_requests: StepLog[];
}

export type AccountEventName = 'account.created' | 'account.updated' | 'account.deleted';

export interface AccountEvent {
  event: AccountEventName;
  account: SandboxAccount;
  at: string;
}

export interface WebhookDelivery {
  id: string;
  url: string;
  event: AccountEventName;
  account_id: string;
  body: string;
  signature: string;
  attempts: { at: string; status: number | null; error: string | null; duration_ms: number }[];
  state: 'pending' | 'delivered' | 'failed';
  created_at: string;
}

export const PROJECT_ID = 'sandbox-project';
export const ORGANIZATION_ID = 4242;
