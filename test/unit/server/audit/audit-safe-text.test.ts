import type { Context } from 'hono';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { audited } from '../../../../server/audit/audited.ts';
import { openDatabase, type Database, type Db } from '../../../../server/db/client.ts';
import { auditLog } from '../../../../server/db/schema.ts';
import { AppError } from '../../../../server/http/app-error.ts';
import { migratedMemoryDatabase } from '../../../support/pglite-template.ts';

/** Just what writeAudit reads from a request: the actor and the user agent. */
const requestContext = (userAgent: string) =>
  ({
    get: (key: string) =>
      key === 'actor'
        ? { id: 'user_1', email: 'support@switchboard.test', name: 'S', role: 'support' }
        : undefined,
    req: { header: (name: string) => (name === 'user-agent' ? userAgent : undefined) },
    env: {},
  }) as unknown as Context;

describe('audited with text Postgres cannot store as sent', () => {
  let database: Database;
  // A deliberate budget: PGlite's start and migrations take seconds on a busy machine.
  beforeAll(async () => {
    database = await openDatabase(await migratedMemoryDatabase());
  }, 60_000);
  afterAll(async () => {
    await database?.close();
  });

  const lastRow = async () => {
    const rows = await database.db.select().from(auditLog);
    return rows.at(-1);
  };

  it('records a failure whose upstream error quotes a lone surrogate and NUL, and rethrows it', async () => {
    const upstream = new AppError('bad_request', 'StackOne answered 400: bad name "caf\ud83d\u0000"', {
      upstream: { status: 400, requestId: 'req_1' },
    });
    await expect(
      audited(
        database.db,
        requestContext('agent\ud83d'),
        {
          action: 'connect_session.created',
          targetType: 'connect_session',
          targetOwner: 'Caf\ud83d (cust\u0000_1)',
          summary: { label: 'EU\ud83d' },
        },
        () => Promise.reject(upstream),
      ),
    ).rejects.toBe(upstream);
    expect(await lastRow()).toMatchObject({
      outcome: 'failure',
      upstreamStatus: 400,
      targetOwner: 'Caf\ufffd (cust_1)',
      userAgent: 'agent\ufffd',
      summary: { label: 'EU\ufffd', error: 'StackOne answered 400: bad name "caf\ufffd"' },
    });
  });

  it('records a success whose summary holds unsafe text and deep nesting', async () => {
    const deep = JSON.parse(`${'['.repeat(5000)}${']'.repeat(5000)}`) as unknown;
    const result = await audited(
      database.db,
      requestContext('agent'),
      {
        action: 'account.label_updated',
        targetType: 'account',
        targetId: 'acc_\ud83d',
        summary: { label: 'a\u0000b' },
        summarize: () => ({ deep }),
      },
      async () => 'changed upstream',
    );
    expect(result).toBe('changed upstream');
    expect(await lastRow()).toMatchObject({
      outcome: 'success',
      targetId: 'acc_\ufffd',
      summary: { label: 'ab', deep: expect.any(Array) },
    });
  });

  it('does not record a success as a failure when its row cannot be written', async () => {
    const insert = vi.fn(() => ({ values: () => Promise.reject(new Error('Connection terminated')) }));
    const db = { insert } as unknown as Db;
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      await expect(
        audited(
          db,
          requestContext('agent'),
          { action: 'connect_session.created', targetType: 'connect_session' },
          async () => 'changed upstream',
        ),
      ).rejects.toThrow('Connection terminated');
      expect(insert).toHaveBeenCalledTimes(1);
      expect(String(logged.mock.calls[0]?.[0])).toContain('succeeded but was not recorded');
    } finally {
      logged.mockRestore();
    }
  });
});
