import { z } from 'zod';
import { createTransport, type TransportOptions } from './transport.ts';
import {
  UpstreamAccountMetaSchema,
  UpstreamConnectorMetaSchema,
  UpstreamConnectSessionSchema,
  UpstreamLinkedAccountSchema,
  UpstreamRequestLogPageSchema,
  type UpstreamLinkedAccount,
} from './upstream-schemas.ts';

export interface ConnectSessionInput {
  origin_owner_id: string;
  origin_owner_name: string;
  origin_username?: string;
  provider?: string;
  categories?: string[];
  account_id?: string;
  multiple?: boolean;
  label?: string;
  expires_in?: number;
  type?: 'production' | 'test';
}

/** A delete done upstream; `account` is null when a retry found it already gone (see goneOnRetry). */
export interface AccountDeletion {
  account: UpstreamLinkedAccount | null;
  confirmedByRetry404: boolean;
}

const enc = encodeURIComponent;

/** Typed calls of the StackOne platform API the console uses. */
export function createStackOneClient(options: TransportOptions) {
  const request = createTransport(options);
  return {
    listAccounts: (query: { page: number; pageSize: number; status?: string[]; providers?: string[] }) =>
      request({
        method: 'GET',
        path: '/accounts',
        query: {
          page: query.page,
          page_size: query.pageSize,
          status: query.status,
          providers: query.providers,
        },
        schema: z.array(UpstreamLinkedAccountSchema),
        idempotent: true,
      }),
    getAccount: (id: string) =>
      request({
        method: 'GET',
        path: `/accounts/${enc(id)}`,
        schema: UpstreamLinkedAccountSchema,
        idempotent: true,
      }),
    getAccountMeta: (id: string) =>
      request({
        method: 'GET',
        path: `/accounts/${enc(id)}/meta`,
        schema: UpstreamAccountMetaSchema,
        idempotent: true,
      }),
    /** A raw PATCH with a string label: the SDK types label as an object and cannot send one. */
    updateAccountLabel: (id: string, label: string | null) =>
      request({
        method: 'PATCH',
        path: `/accounts/${enc(id)}`,
        body: { label },
        schema: UpstreamLinkedAccountSchema,
        idempotent: true,
      }),
    deleteAccount: (id: string) =>
      request({
        method: 'DELETE',
        path: `/accounts/${enc(id)}`,
        schema: UpstreamLinkedAccountSchema.transform((account): AccountDeletion => ({
          account,
          confirmedByRetry404: false,
        })),
        idempotent: true,
        goneOnRetry: () => ({ account: null, confirmedByRetry404: true }),
      }),
    createConnectSession: (input: ConnectSessionInput) =>
      request({
        method: 'POST',
        path: '/connect_sessions',
        body: input,
        schema: UpstreamConnectSessionSchema,
        idempotent: false,
      }),
    listConnectors: () =>
      request({
        method: 'GET',
        path: '/connectors/meta',
        query: { include: 'resources' },
        schema: z.array(UpstreamConnectorMetaSchema),
        idempotent: true,
      }),
    listRequestLogs: (query: { accountId: string; next?: string; pageSize: number }) =>
      request({
        method: 'GET',
        path: '/requests/logs',
        query: {
          account_ids: query.accountId,
          next: query.next,
          page_size: query.pageSize,
          order_by: 'eventDatetime',
          order_direction: 'desc',
        },
        schema: UpstreamRequestLogPageSchema,
        idempotent: true,
      }),
  };
}

export type StackOneClient = ReturnType<typeof createStackOneClient>;
