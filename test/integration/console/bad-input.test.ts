import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '../../../shared/schemas/errors.ts';
import { startTestConsole, type TestConsole } from '../../support/console.ts';
import { platformFetch } from '../../support/sandbox.ts';

interface Answer {
  status: number;
  body: Partial<ApiErrorBody> & Record<string, unknown>;
}

const long = (n: number) => 'x'.repeat(n);

// Validation happens before any database or StackOne work: the database kind plays no part.
describe('bad input', () => {
  let t: TestConsole;
  let accountId: string;
  /** Every response header and body this file sees, to check that the API key is in none of them. */
  const transcript: string[] = [];

  beforeAll(async () => {
    t = await startTestConsole({ autoSync: false, sandbox: { accounts: 10, webhookUrls: [] } });
    await t.console.deps.sync.runFull();
    const accounts = (await (await platformFetch(t.sandbox, '/accounts')).json()) as { id: string }[];
    accountId = accounts[0]!.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const call = async (method: string, path: string, body?: string, contentType?: string): Promise<Answer> => {
    const headers: Record<string, string> = contentType ? { 'content-type': contentType } : {};
    const res = await t.api(path, { method, body, headers });
    const text = await res.text();
    transcript.push(`${method} ${path} → ${res.status}\n${JSON.stringify([...res.headers])}\n${text}`);
    let parsed: Answer['body'] = {};
    try {
      parsed = JSON.parse(text);
    } catch {
      // Some endpoints answer text; the status check below still applies.
    }
    return { status: res.status, body: parsed };
  };
  const json = (value: unknown) => JSON.stringify(value);

  const expectFieldError = (answer: Answer, field: string) => {
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'bad_request', message: expect.any(String) });
    expect(Object.keys(answer.body.error!.fields ?? {})).toContain(field);
  };

  describe('GET /api/accounts', () => {
    it.each([
      ['pageSize=1000', 'pageSize'],
      ['pageSize=0', 'pageSize'],
      ['pageSize=ten', 'pageSize'],
      ['page=0', 'page'],
      ['page=-3', 'page'],
      ['page=1.5', 'page'],
      ['page=1&page=2', 'page'],
      ['sort=bogus', 'sort'],
      ['order=sideways', 'order'],
      ['status=not%20a%20status', 'status.0'],
      [`status=active,${long(51)}`, 'status.1'],
      ['type=staging', 'type.0'],
      [`q=${long(201)}`, 'q'],
      ['q=a&q=b', 'q'],
      [`provider=${long(101)}`, 'provider.0'],
      [`ownerId=${long(201)}`, 'ownerId'],
    ])('answers ?%s with 400 naming %s', async (query, field) => {
      expectFieldError(await call('GET', `/api/accounts?${query}`), field);
    });
  });

  describe('/api/accounts/:id', () => {
    it('answers an id longer than 200 characters with 400 on every method', async () => {
      expectFieldError(await call('GET', `/api/accounts/${long(201)}`), 'id');
      expectFieldError(await call('GET', `/api/accounts/${long(201)}/logs`), 'id');
      expectFieldError(await call('PATCH', `/api/accounts/${long(201)}`, json({ label: 'x' })), 'id');
      expectFieldError(await call('DELETE', `/api/accounts/${long(201)}`), 'id');
      expectFieldError(
        await call('POST', `/api/accounts/${long(201)}/connect-session`, json({ purpose: 'hub' })),
        'id',
      );
    });

    it('never answers a malformed id with a 5xx', async () => {
      for (const id of ['%E0%A4%A', '%00', '..%2F..%2Fetc', '%20']) {
        const answer = await call('GET', `/api/accounts/${id}`);
        expect(answer.status, id).toBeGreaterThanOrEqual(400);
        expect(answer.status, id).toBeLessThan(500);
      }
    });

    it.each([
      ['pageSize=0', 'pageSize'],
      ['pageSize=101', 'pageSize'],
      ['pageSize=many', 'pageSize'],
      [`next=${long(2001)}`, 'next'],
    ])('answers logs?%s with 400 naming %s', async (query, field) => {
      expectFieldError(await call('GET', `/api/accounts/${accountId}/logs?${query}`), field);
    });

    it.each([
      ['a label of the wrong type', json({ label: 5 }), 'label'],
      ['no label', json({}), 'label'],
      ['a label too long', json({ label: long(201) }), 'label'],
      ['an array', json([{ label: 'x' }]), '_'],
    ])('answers PATCH with %s with 400', async (_what, body, field) => {
      expectFieldError(await call('PATCH', `/api/accounts/${accountId}`, body), field);
    });

    it.each([
      ['no purpose', {}, 'purpose'],
      ['an unknown purpose', { purpose: 'email' }, 'purpose'],
      ['an expiry under a minute', { purpose: 'auth_link', expiresIn: 59 }, 'expiresIn'],
      ['an expiry over 30 days', { purpose: 'auth_link', expiresIn: 30 * 86_400 + 1 }, 'expiresIn'],
      ['a fractional expiry', { purpose: 'auth_link', expiresIn: 100.5 }, 'expiresIn'],
      ['an expiry as text', { purpose: 'auth_link', expiresIn: '1 day' }, 'expiresIn'],
    ])('answers POST connect-session with %s with 400', async (_what, body, field) => {
      expectFieldError(await call('POST', `/api/accounts/${accountId}/connect-session`, json(body)), field);
    });
  });

  describe('POST /api/connect-sessions', () => {
    const valid = { originOwnerId: 'cust_1', originOwnerName: 'Acme' };
    it.each([
      ['no customer id', { originOwnerName: 'Acme' }, 'originOwnerId'],
      ['no customer name', { originOwnerId: 'cust_1' }, 'originOwnerName'],
      ['a blank customer id', { ...valid, originOwnerId: '   ' }, 'originOwnerId'],
      ['a customer id of the wrong type', { ...valid, originOwnerId: 42 }, 'originOwnerId'],
      ['an unknown category', { ...valid, categories: ['hris', 'astrology'] }, 'categories.1'],
      ['categories that are not a list', { ...valid, categories: 'hris' }, 'categories'],
      ['an empty provider', { ...valid, provider: '' }, 'provider'],
      ['a label too long', { ...valid, label: long(201) }, 'label'],
      ['multiple as text', { ...valid, multiple: 'yes' }, 'multiple'],
      ['an unknown purpose', { ...valid, purpose: 'fax' }, 'purpose'],
      ['an expiry out of range', { ...valid, expiresIn: 0 }, 'expiresIn'],
    ])('answers %s with 400', async (_what, body, field) => {
      expectFieldError(await call('POST', '/api/connect-sessions', json(body)), field);
    });
  });

  describe('NUL characters, which the database cannot store', () => {
    it.each([
      ['GET', '/api/accounts?q=a%00b', undefined, 'q'],
      ['GET', '/api/accounts?ownerId=%00', undefined, 'ownerId'],
      ['GET', '/api/accounts?provider=hibob,%00', undefined, 'provider'],
      ['GET', '/api/accounts/%00', undefined, 'id'],
      ['PATCH', '/api/accounts/ACCOUNT', json({ label: 'EU\u0000' }), 'label'],
      [
        'POST',
        '/api/connect-sessions',
        json({ originOwnerId: 'c', originOwnerName: 'N\u0000' }),
        'originOwnerName',
      ],
    ])('answers %s %s with 400 naming the field', async (method, path, body, field) => {
      expectFieldError(await call(method, path.replace('ACCOUNT', accountId), body), field);
    });
  });

  describe('bodies that are not JSON objects', () => {
    it.each([
      ['PATCH', () => `/api/accounts/${accountId}`],
      ['POST', () => `/api/accounts/${accountId}/connect-session`],
      ['POST', () => '/api/connect-sessions'],
    ])('answers %s %s with malformed JSON with 400 and fields', async (method, path) => {
      const answer = await call(method, path(), '{"label": "unterminated', 'application/json');
      expect(answer.status).toBe(400);
      expect(answer.body.error).toMatchObject({ code: 'bad_request', fields: expect.any(Object) });
      expect(Object.keys(answer.body.error!.fields!).length).toBeGreaterThan(0);
    });

    it.each([
      ['PATCH', () => `/api/accounts/${accountId}`, 'label'],
      ['POST', () => `/api/accounts/${accountId}/connect-session`, 'purpose'],
      ['POST', () => '/api/connect-sessions', 'originOwnerId'],
    ])('answers %s %s with a text body with 400 naming %s', async (method, path, field) => {
      expectFieldError(await call(method, path(), 'label=hello', 'text/plain'), field);
    });
  });

  describe('the API key', () => {
    it('appears in no response header or body of any endpoint', async () => {
      // Successes and upstream failures too, on top of every bad request above.
      const fault = await platformFetch(t.sandbox, '/_sandbox/faults', {
        method: 'POST',
        body: json({ path: '/requests/logs', status: 503 }),
      });
      expect(fault.status).toBe(201);
      const calls: [string, string, string?][] = [
        ['GET', '/api/health'],
        ['GET', '/api/ready'],
        ['GET', '/api/accounts?q=a&status=active'],
        ['GET', `/api/accounts/${accountId}`],
        ['GET', '/api/accounts/00000000000000000000'],
        ['GET', `/api/accounts/${accountId}/logs`],
        ['PATCH', `/api/accounts/${accountId}`, json({ label: 'Checked' })],
        ['POST', `/api/accounts/${accountId}/connect-session`, json({ purpose: 'hub' })],
        [
          'POST',
          `/api/accounts/${accountId}/connect-session`,
          json({ purpose: 'auth_link', expiresIn: 3600 }),
        ],
        ['POST', '/api/connect-sessions', json({ originOwnerId: 'c1', originOwnerName: 'C', label: 'L' })],
        [
          'POST',
          '/api/connect-sessions',
          json({ originOwnerId: 'c1', originOwnerName: 'C', provider: 'nope' }),
        ],
        ['GET', '/api/connectors'],
        ['DELETE', `/api/accounts/${accountId}`],
        ['DELETE', `/api/accounts/${accountId}`],
        ['GET', '/api/no-such-route'],
      ];
      for (const [method, path, body] of calls) {
        const answer = await call(method, path, body);
        expect(answer.status, `${method} ${path}`).toBeLessThan(600);
      }
      await platformFetch(t.sandbox, '/_sandbox/faults', { method: 'DELETE' });

      expect(transcript.length).toBeGreaterThan(60);
      const key = t.sandbox.apiKey;
      const basic = Buffer.from(`${key}:`).toString('base64');
      for (const entry of transcript) {
        expect(entry).not.toContain(key);
        expect(entry).not.toContain(basic);
      }
    });
  });
});
