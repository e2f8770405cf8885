import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../../shared/schemas/account.ts';
import type { AuditPage } from '../../../shared/schemas/audit.ts';
import { startTestConsole, TEST_ADMIN, TEST_DATABASES, type TestConsole } from '../../support/console.ts';
import { platformFetch } from '../../support/sandbox.ts';

const TIMEOUT_MS = 3000;

describe.each(TEST_DATABASES)('audit honesty on $name', ({ kind }) => {
  let t: TestConsole;
  let accountIds: string[];

  beforeAll(async () => {
    t = await startTestConsole({
      database: kind,
      autoSync: false,
      env: { STACKONE_TIMEOUT_MS: String(TIMEOUT_MS) },
      sandbox: { accounts: 6, webhookUrls: [] },
    });
    await t.console.deps.sync.runFull();
    accountIds = ((await (await platformFetch(t.sandbox, '/accounts')).json()) as { id: string }[]).map(
      (a) => a.id,
    );
    // A sign-in row by the admin, for the actor filters.
    await t.signIn(TEST_ADMIN.email, TEST_ADMIN.password);
  });
  afterEach(async () => {
    await platformFetch(t.sandbox, '/_sandbox/faults', { method: 'DELETE' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const audit = async (query: string) => {
    const res = await t.api(`/api/audit?${query}`);
    return { status: res.status, body: (await res.json()) as AuditPage & { error?: unknown } };
  };
  const addFault = async (rule: Record<string, unknown>) => {
    const res = await platformFetch(t.sandbox, '/_sandbox/faults', {
      method: 'POST',
      body: JSON.stringify(rule),
    });
    expect(res.status).toBe(201);
  };

  describe('a delete whose first attempt got no answer', () => {
    it('is reported and audited as done when the retry finds the account gone', async () => {
      const id = accountIds[0]!;
      const path = `/accounts/${id}`;
      // The sandbox waits, then deletes: the first attempt is carried out after the console gave up
      // on it (its timer is due first), and the retry, slowed down less than the timeout, finds it gone.
      await addFault({ path, method: 'DELETE', latencyMs: TIMEOUT_MS + 500, times: 1 });
      await addFault({ path, method: 'DELETE', latencyMs: 1000, times: 1 });

      const res = await t.api(`/api/accounts/${id}`, { method: 'DELETE' });
      expect(res.status).toBe(200);
      expect(((await res.json()) as Account).deletedAt).not.toBeNull();
      expect((await platformFetch(t.sandbox, path)).status).toBe(404);

      const row = (await audit(`action=account.deleted&accountId=${id}`)).body.items;
      expect(row).toHaveLength(1);
      expect(row[0]).toMatchObject({
        outcome: 'success',
        summary: { note: expect.stringMatching(/^confirmed by a 404 on retry/) },
      });
    });

    it('is still not found when the account never existed', async () => {
      const res = await t.api('/api/accounts/no-such-account', { method: 'DELETE' });
      expect(res.status).toBe(404);
    });
  });

  describe('the actor filter', () => {
    it('takes % and _ literally', async () => {
      expect((await audit('actor=admin%40')).body.total).toBeGreaterThan(0);
      for (const actor of ['%', '_', 'a_min', '%admin', '\\']) {
        const { status, body } = await audit(`actor=${encodeURIComponent(actor)}`);
        expect([actor, status, body.total]).toEqual([actor, 200, 0]);
      }
    });
  });

  describe('dates at the edges of the calendar', () => {
    it('takes every year from 1 to 9999', async () => {
      const all = (await audit('pageSize=500')).body.total;
      expect(all).toBeGreaterThan(0);
      for (const query of [
        'from=0001-01-01T00:00:00Z',
        'to=9999-12-31T23:59:59Z',
        'to=9999-12-31T23:59:59.999Z',
        'from=0001-01-01T00:00:00Z&to=9999-12-31T23:59:59.999Z',
      ]) {
        const { status, body } = await audit(`${query}&pageSize=500`);
        expect([query, status, body.total]).toEqual([query, 200, all]);
      }
    });

    it('refuses a date before year 1 or after 9999 with 400 naming the field, in the list and the CSV', async () => {
      for (const [query, field] of [
        ['from=0000-01-01T00:00:00Z', 'from'],
        ['to=0000-12-31T23:59:59Z', 'to'],
        // Year 1 at +01:00 is still year 0 in UTC.
        [`from=${encodeURIComponent('0001-01-01T00:30:00+01:00')}`, 'from'],
        [`to=${encodeURIComponent('9999-12-31T23:30:00-01:00')}`, 'to'],
      ] as const) {
        for (const path of ['/api/audit', '/api/audit.csv']) {
          const res = await t.api(`${path}?${query}`);
          const body = (await res.json()) as { error: { code: string; fields: Record<string, string> } };
          expect([path, query, res.status, body.error.code]).toEqual([path, query, 400, 'bad_request']);
          expect(Object.keys(body.error.fields)).toEqual([field]);
        }
      }
    });

    it('exports every row as CSV for the widest window', async () => {
      const all = (await audit('pageSize=500')).body.total;
      const res = await t.api('/api/audit.csv?from=0001-01-01T00:00:00Z&to=9999-12-31T23:59:59.999Z');
      expect(res.status).toBe(200);
      const lines = (await res.text()).split('\r\n').filter(Boolean);
      expect(lines).toHaveLength(1 + all);
    });
  });
});
