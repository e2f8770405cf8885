import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { AccountDetailSchema } from '../../../shared/schemas/account-detail.ts';
import { AccountListResponseSchema } from '../../../shared/schemas/account-filters.ts';
import { AuditPageSchema } from '../../../shared/schemas/audit.ts';
import { ConnectorListSchema } from '../../../shared/schemas/connector.ts';
import { SyncProgressEventSchema, type SyncProgressEvent } from '../../../shared/schemas/events.ts';
import { RequestLogPageSchema } from '../../../shared/schemas/request-log.ts';
import { MeSchema, SetupStatusSchema, UserListSchema } from '../../../shared/schemas/users.ts';
import { startTestConsole, TEST_DATABASES, type TestConsole } from '../../support/console.ts';
import { waitUntil } from '../../support/webhook-receiver.ts';

/** The `sync.progress` events of `GET /api/events`, as they arrive. */
async function watchSyncProgress(t: TestConsole) {
  const controller = new AbortController();
  const res = await t.api('/api/events', { signal: controller.signal });
  expect(res.status).toBe(200);
  const events: unknown[] = [];
  const reading = (async () => {
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const lines = buffer.slice(0, end).split('\n');
          buffer = buffer.slice(end + 2);
          const data = lines.find((l) => l.startsWith('data: '));
          if (lines.includes('event: sync.progress') && data) events.push(JSON.parse(data.slice(6)));
        }
      }
    } catch {
      // Aborted by close().
    }
  })();
  return {
    events,
    close: async () => {
      controller.abort();
      await reading;
    },
  };
}

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

  it('sends sync.progress with the same status the account list answers', async () => {
    const stream = await watchSyncProgress(t);
    try {
      const done = await t.console.deps.sync.runFull();
      const isFinal = (e: unknown) => (e as SyncProgressEvent).state === 'idle';
      await waitUntil(() => stream.events.some(isFinal), {
        what: 'the final sync.progress',
        timeoutMs: 30_000,
      });
      const final = stream.events.find(isFinal);
      expect(SyncProgressEventSchema.parse(final)).toEqual(final);
      const { type: _type, at: _at, ...status } = SyncProgressEventSchema.parse(final);

      const list = AccountListResponseSchema.parse(await (await t.api('/api/accounts')).json());
      expect(status).toEqual(list.sync);
      expect(status).toEqual(done);
      expect(status).toMatchObject({ state: 'idle', seen: 12, total: 12, error: null });
      expect(status.finishedAt).toBe(list.syncedAt);
    } finally {
      await stream.close();
    }
  });
});
