import { StackOne } from '@stackone/stackone-client-ts';
import {
  BadRequestResponse,
  NotFoundResponse,
  UnauthorizedResponse,
} from '@stackone/stackone-client-ts/sdk/models/errors/index.js';
import {
  OrderBy,
  OrderDirection,
  StackoneListLogsQueryParamInclude,
} from '@stackone/stackone-client-ts/sdk/models/operations/index.js';
import {
  ConnectSessionCreateCategories,
  PatchAccountExternalDtoType,
} from '@stackone/stackone-client-ts/sdk/models/shared/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORGANIZATION_ID, PROJECT_ID, type SandboxAccount } from '../../../server/sandbox/model.ts';
import type { RunningSandbox } from '../../../server/sandbox/start-sandbox.ts';
import { startTestSandbox } from '../../support/sandbox.ts';

let sandbox: RunningSandbox;
let sdk: StackOne;

const sdkFor = (url: string, key: string) =>
  new StackOne({
    security: { username: key, password: '' },
    serverURL: url,
    retryConfig: { strategy: 'none' },
    timeoutMs: 5000,
  });

const accounts = () => sandbox.context.store.listAccounts();
const firstAccount = (predicate: (a: SandboxAccount) => boolean) => {
  const account = accounts().find(predicate);
  if (!account) throw new Error('the test seed has no such account');
  return account;
};

beforeAll(async () => {
  sandbox = await startTestSandbox();
  sdk = sdkFor(sandbox.url, sandbox.apiKey);
});

afterAll(() => sandbox.close());

describe('the official SDK against the sandbox platform API', () => {
  it('lists linked accounts as typed objects with Date timestamps, 25 by default', async () => {
    const result = await sdk.accounts.listLinkedAccounts({});
    const list = result.classes ?? [];
    expect(result.statusCode).toBe(200);
    expect(list.map((a) => a.id)).toEqual(
      accounts()
        .slice(0, 25)
        .map((a) => a.id),
    );
    for (const account of list) {
      expect(account.createdAt).toBeInstanceOf(Date);
      expect(account.updatedAt).toBeInstanceOf(Date);
      expect(typeof account.originOwnerId).toBe('string');
      expect(['active', 'inactive', 'error']).toContain(account.status);
    }
  });

  it('filters linked accounts by providers, status and owner ids', async () => {
    const owner = accounts()[0]!.origin_owner_id;
    const expectedByProviderStatus = accounts().filter(
      (a) => ['hibob', 'bamboohr'].includes(a.provider) && ['active', 'error'].includes(a.status),
    );
    const byProviderStatus = await sdk.accounts.listLinkedAccounts({
      providers: ['hibob', 'bamboohr'],
      status: ['active', 'error'],
      pageSize: 100,
    });
    expect(byProviderStatus.classes?.map((a) => a.id)).toEqual(expectedByProviderStatus.map((a) => a.id));
    expect(expectedByProviderStatus.length).toBeGreaterThan(1);

    const byOwner = await sdk.accounts.listLinkedAccounts({ originOwnerIds: [owner], pageSize: 100 });
    expect(byOwner.classes?.map((a) => a.id)).toEqual(
      accounts()
        .filter((a) => a.origin_owner_id === owner)
        .map((a) => a.id),
    );
  });

  it('walks every account exactly once with page and pageSize', async () => {
    const seen: string[] = [];
    for (let page = 1; page < 50; page++) {
      const result = await sdk.accounts.listLinkedAccounts({ page, pageSize: 9 });
      const list = result.classes ?? [];
      seen.push(...list.map((a) => a.id));
      if (list.length < 9) break;
    }
    expect(seen).toEqual(accounts().map((a) => a.id));
  });

  it('gets one account with its status reasons as Dates', async () => {
    const broken = firstAccount((a) => a.status === 'error');
    const { linkedAccount } = await sdk.accounts.getAccount({ id: broken.id });
    expect(linkedAccount?.id).toBe(broken.id);
    expect(linkedAccount?.provider).toBe(broken.provider);
    expect(linkedAccount?.providerName).toBe(broken.provider_name);
    expect(linkedAccount?.originOwnerName).toBe(broken.origin_owner_name);
    expect(linkedAccount?.statusReasons?.[0]?.code).toBe(broken.status_reasons?.[0]?.code);
    expect(linkedAccount?.statusReasons?.[0]?.timestamp).toBeInstanceOf(Date);
    expect(linkedAccount?.createdAt.toISOString()).toBe(broken.created_at);
  });

  it('updates an account, keeping the label on the SDK’s object label and applying type as sent', async () => {
    const account = firstAccount((a) => a.type === 'test' && a.label !== null);
    const label = account.label;
    const before = account.updated_at;

    const kept = await sdk.accounts.updateAccount({
      id: account.id,
      patchAccountExternalDto: {
        originOwnerName: 'Renamed by SDK',
        label: {},
        type: PatchAccountExternalDtoType.Test,
      },
    });
    expect(kept.linkedAccount?.originOwnerName).toBe('Renamed by SDK');
    expect(kept.linkedAccount?.label).toBe(label);
    expect(kept.linkedAccount?.type).toBe('test');
    expect(kept.linkedAccount!.updatedAt.getTime()).toBeGreaterThanOrEqual(Date.parse(before));

    // The SDK injects type "production" when the caller leaves it out; the sandbox applies it.
    const flipped = await sdk.accounts.updateAccount({
      id: account.id,
      patchAccountExternalDto: { originUsername: 'someone@example.com' },
    });
    expect(flipped.linkedAccount?.type).toBe('production');
    expect(flipped.linkedAccount?.originUsername).toBe('someone@example.com');
  });

  it('deletes an account, answering the deleted account, after which it is not found', async () => {
    const account = accounts()[accounts().length - 1]!;
    const { linkedAccount } = await sdk.accounts.deleteAccount({ id: account.id });
    expect(linkedAccount?.id).toBe(account.id);
    expect(linkedAccount?.createdAt).toBeInstanceOf(Date);
    await expect(sdk.accounts.getAccount({ id: account.id })).rejects.toBeInstanceOf(NotFoundResponse);
  });

  it('reads an account’s meta: provider, category and models', async () => {
    const account = firstAccount((a) => a.provider === 'greenhouse');
    const { linkedAccountMeta } = await sdk.accounts.getAccountMetaInfo({ id: account.id });
    expect(linkedAccountMeta?.provider).toBe('greenhouse');
    expect(linkedAccountMeta?.category).toBe('ats');
    expect(Object.keys(linkedAccountMeta?.models ?? {})).toContain('candidates');
  });

  it('creates a connect session with numeric ids, the SDK defaults and a hosted auth link', async () => {
    const { connectSessionTokenAuthLink: session, statusCode } =
      await sdk.connectSessions.createConnectSession({
        originOwnerId: 'cust_sdk',
        originOwnerName: 'SDK Customer',
        label: 'Payroll',
      });
    expect(statusCode).toBe(201);
    expect(typeof session?.id).toBe('number');
    expect(session?.organizationId).toBe(ORGANIZATION_ID);
    expect(session?.projectId).toBe(PROJECT_ID);
    expect(session?.createdAt).toBeInstanceOf(Date);
    expect(session?.label).toBe('Payroll');
    expect(session?.type).toBe('production');
    expect(session?.externalTriggerToken).toEqual(expect.any(String));
    expect(session?.authLinkUrl).toBe(`${sandbox.url}/embedded/integrations?token=${session?.token}`);

    const stored = sandbox.context.store.getLiveSession(session?.token);
    expect(stored?.multiple).toBe(false);
    expect(Date.parse(stored!.expires_at) - Date.parse(stored!.created_at)).toBe(1800 * 1000);
  });

  it('creates an edit-mode session that takes its provider from the account', async () => {
    const account = firstAccount((a) => a.provider === 'hibob');
    const { connectSessionTokenAuthLink: session } = await sdk.connectSessions.createConnectSession({
      originOwnerId: account.origin_owner_id,
      originOwnerName: account.origin_owner_name,
      accountId: account.id,
    });
    expect(session?.accountId).toBe(account.id);
    expect(session?.provider).toBe('hibob');
  });

  it('creates sessions limited to categories or to one provider', async () => {
    const byCategory = await sdk.connectSessions.createConnectSession({
      originOwnerId: 'cust_sdk',
      originOwnerName: 'SDK Customer',
      categories: [ConnectSessionCreateCategories.Hris, ConnectSessionCreateCategories.Ats],
      multiple: true,
    });
    expect(byCategory.connectSessionTokenAuthLink?.categories).toEqual(['hris', 'ats']);

    const byProvider = await sdk.connectSessions.createConnectSession({
      originOwnerId: 'cust_sdk',
      originOwnerName: 'SDK Customer',
      provider: 'greenhouse',
    });
    expect(byProvider.connectSessionTokenAuthLink?.provider).toBe('greenhouse');
    expect(byProvider.connectSessionTokenAuthLink?.categories).toBeNull();
  });

  it('authenticates a connect session token', async () => {
    const created = await sdk.connectSessions.createConnectSession({
      originOwnerId: 'cust_auth',
      originOwnerName: 'Auth Customer',
    });
    const token = created.connectSessionTokenAuthLink!.token;
    const { connectSession, statusCode } = await sdk.connectSessions.authenticateConnectSession({ token });
    expect(statusCode).toBe(201);
    expect(connectSession?.id).toBe(created.connectSessionTokenAuthLink?.id);
    expect(connectSession?.originOwnerId).toBe('cust_auth');
    expect(connectSession?.createdAt).toBeInstanceOf(Date);
    expect(connectSession).not.toHaveProperty('token');
  });

  it('lists every connector’s meta and gets one by provider', async () => {
    const { classes } = await sdk.connectors.listConnectorsMeta({});
    expect(classes?.length).toBe(17);
    for (const meta of classes ?? []) {
      expect(meta.active).toBe(true);
      expect(meta.resources?.images?.logoUrl).toBe(`${sandbox.url}/logos/${meta.provider}.svg`);
    }
    const { connectorsMeta } = await sdk.connectors.getConnectorMeta({ provider: 'hibob' });
    expect(connectorsMeta?.providerName).toBe('HiBob');
    expect(connectorsMeta?.category).toBe('hris');
  });

  it('lists request logs with a filter and walks the cursor to the end', async () => {
    const failed = sandbox.context.store.logs.filter((l) => !l.success);
    expect(failed.length).toBeGreaterThan(4);
    const seen: string[] = [];
    let next: string | undefined;
    for (let i = 0; i < 50; i++) {
      const { unifiedLogsPaginated: page } = await sdk.requestLogs.listLogs({
        filter: { success: false },
        pageSize: 4,
        next,
      });
      for (const log of page?.data ?? []) {
        expect(log.success).toBe(false);
        expect(log.eventDatetime).toBeInstanceOf(Date);
        seen.push(log.requestId!);
      }
      next = page?.next ?? undefined;
      if (!next) break;
    }
    expect(seen).toEqual(failed.map((l) => l.request_id));
  });

  it('orders request logs and includes partial step logs on request', async () => {
    const { unifiedLogsPaginated: page } = await sdk.requestLogs.listLogs({
      orderBy: OrderBy.Duration,
      orderDirection: OrderDirection.Asc,
      include: StackoneListLogsQueryParamInclude.StepLogs,
      pageSize: 10,
    });
    const durations = page?.data.map((l) => l.duration ?? 0) ?? [];
    expect(durations).toEqual([...durations].sort((a, b) => a - b));
    expect(page?.data[0]?.stepRequests?.[0]?.requestId).toBe(page?.data[0]?.requestId);
  });

  it('gets one request log with its request, response and full step logs', async () => {
    const log = sandbox.context.store.logs.find((l) => !l.success)!;
    const { unifiedLogResult } = await sdk.requestLogs.getLog({ id: log.request_id });
    const data = unifiedLogResult?.data;
    expect(data?.requestId).toBe(log.request_id);
    expect(data?.startTime).toBeInstanceOf(Date);
    expect(data?.request?.method).toBe('GET');
    expect(data?.response?.statusCode).toBe(log.status);
    expect(data?.response?.providerErrors?.[0]?.status).toBe(log.step_requests[0]!.status);
    expect(data?.stepRequests?.[0]?.request?.url?.hostname).toBe(log.step_requests[0]!.request.url.hostname);
  });
});

describe('the SDK’s typed errors from the sandbox', () => {
  it('raises UnauthorizedResponse for a wrong key', async () => {
    const wrong = sdkFor(sandbox.url, 'v1.wrong.key');
    const error = await wrong.accounts.listLinkedAccounts({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnauthorizedResponse);
    expect((error as UnauthorizedResponse).statusCode).toBe(401);
    expect((error as UnauthorizedResponse).timestamp).toBeInstanceOf(Date);
  });

  it('raises NotFoundResponse for unknown accounts, connectors and logs', async () => {
    await expect(sdk.accounts.getAccount({ id: 'nope' })).rejects.toBeInstanceOf(NotFoundResponse);
    await expect(
      sdk.accounts.updateAccount({ id: 'nope', patchAccountExternalDto: {} }),
    ).rejects.toBeInstanceOf(NotFoundResponse);
    await expect(sdk.accounts.deleteAccount({ id: 'nope' })).rejects.toBeInstanceOf(NotFoundResponse);
    await expect(sdk.accounts.getAccountMetaInfo({ id: 'nope' })).rejects.toBeInstanceOf(NotFoundResponse);
    await expect(sdk.connectors.getConnectorMeta({ provider: 'nope' })).rejects.toBeInstanceOf(
      NotFoundResponse,
    );
    await expect(sdk.requestLogs.getLog({ id: 'nope' })).rejects.toBeInstanceOf(NotFoundResponse);
    await expect(
      sdk.connectSessions.createConnectSession({
        originOwnerId: 'o',
        originOwnerName: 'O',
        accountId: 'nope',
      }),
    ).rejects.toBeInstanceOf(NotFoundResponse);
  });

  it('raises BadRequestResponse with the sandbox’s message for a page size over 100', async () => {
    const error = await sdk.accounts.listLinkedAccounts({ pageSize: 500 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestResponse);
    expect((error as BadRequestResponse).message).toMatch(/page_size must be between 1 and 100/);
  });

  it('raises UnauthorizedResponse when authenticating an unknown token', async () => {
    await expect(
      sdk.connectSessions.authenticateConnectSession({ token: 'not-a-token' }),
    ).rejects.toBeInstanceOf(UnauthorizedResponse);
  });
});
