import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { AccountDetailSchema } from '../../../shared/schemas/account-detail.ts';
import { AccountListResponseSchema } from '../../../shared/schemas/account-filters.ts';
import { AuditPageSchema } from '../../../shared/schemas/audit.ts';
import { ConnectorListSchema } from '../../../shared/schemas/connector.ts';
import { RequestLogPageSchema } from '../../../shared/schemas/request-log.ts';
import { MeSchema, SetupStatusSchema, UserListSchema } from '../../../shared/schemas/users.ts';
import { startTestConsole, TEST_DATABASES, type TestConsole } from '../../support/console.ts';

describe.each(TEST_DATABASES)('response contracts on $name', ({ kind }) => {
  let t: TestConsole;
  let accountId: string;

  beforeAll(async () => {
    t = await startTestConsole({
      database: kind,
      autoSync: false,
      sandbox: { accounts: 12, webhookUrls: [] },
    });
    await t.console.deps.sync.runFull();
    // A second user and an audit row, so that no list below is empty.
    await t.userCookie('viewer');
    const list = AccountListResponseSchema.parse(await (await t.api('/api/accounts')).json());
    accountId = list.items[0]!.id;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const CONTRACTS: [string, (id: string) => string, z.ZodType][] = [
    ['GET /api/accounts', () => '/api/accounts', AccountListResponseSchema],
    ['GET /api/accounts/:id', (id) => `/api/accounts/${id}`, AccountDetailSchema],
    ['GET /api/accounts/:id/logs', (id) => `/api/accounts/${id}/logs`, RequestLogPageSchema],
    ['GET /api/audit', () => '/api/audit', AuditPageSchema],
    ['GET /api/users', () => '/api/users', UserListSchema],
    ['GET /api/connectors', () => '/api/connectors', ConnectorListSchema],
    ['GET /api/me', () => '/api/me', MeSchema],
    ['GET /api/setup', () => '/api/setup', SetupStatusSchema],
  ];

  it.each(CONTRACTS)(
    'answers %s as its shared schema says, no field more or less',
    async (_, path, schema) => {
      const res = await t.api(path(accountId));
      expect(res.status).toBe(200);
      const body = (await res.json()) as unknown;
      // Parsing drops what the schema does not know: equal means nothing was dropped.
      expect(schema.parse(body)).toEqual(body);
    },
  );
});
