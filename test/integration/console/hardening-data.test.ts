import { createHash, createHmac } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AccountDetail } from '../../../shared/schemas/account-detail.ts';
import { accounts, auditLog, webhookEvents } from '../../../server/db/schema.ts';
import { TOO_DEEP } from '../../../server/http/pg-safe-text.ts';
import {
  startTestConsole,
  TEST_DATABASES,
  TEST_WEBHOOK_SECRET,
  type TestConsole,
} from '../../support/console.ts';
import { platformFetch } from '../../support/sandbox.ts';
import { waitUntil } from '../../support/webhook-receiver.ts';

/** JSON text written by hand, since JSON.stringify of a lone surrogate would hide what is sent. */
const LONE_SURROGATE_JSON = '"caf\\ud83d"';
const sign = (body: string) => createHmac('sha256', TEST_WEBHOOK_SECRET).update(body).digest('base64url');
const sha256 = (body: string) => createHash('sha256').update(body).digest('hex');
const nestedArrays = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe.each(TEST_DATABASES)('the data boundary on $name', ({ kind }) => {
  let t: TestConsole;
  /** More than one page of GET /accounts (100), so that a bad account sits inside a full page. */
  const ACCOUNTS = 150;
  let ids: string[];

  beforeAll(async () => {
    // No webhook URLs: the deliveries here are posted by the test, so each one can be checked.
    t = await startTestConsole({
      database: kind,
      autoSync: false,
      sandbox: { accounts: ACCOUNTS, webhookUrls: [] },
    });
    const listed: { id: string }[] = [];
    for (let page = 1; listed.length < ACCOUNTS; page++) {
      const res = await platformFetch(t.sandbox, `/accounts?page_size=100&page=${page}`);
      listed.push(...((await res.json()) as { id: string }[]));
    }
    ids = listed.map((a) => a.id);
  });
  afterAll(async () => {
    await t?.close();
  });

  const db = () => t.console.deps.database.db;
  const sandboxAccount = (id: string) => t.sandbox.context.store.getAccount(id)!;
  const auditRows = async () => (await db().select({ n: count() }).from(auditLog))[0]!.n;
  const breakAccount = async (id: string, descriptionJson: string) => {
    const res = await platformFetch(t.sandbox, `/_sandbox/accounts/${id}/break`, {
      method: 'POST',
      body: `{"description":${descriptionJson}}`,
    });
    expect(res.status).toBe(200);
  };
  const postWebhook = (body: string) =>
    fetch(`${t.console.url}/webhooks/stackone`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'x-stackone-signature': sign(body) },
    });
  const storedEvent = async (body: string) =>
    (
      await db()
        .select()
        .from(webhookEvents)
        .where(eq(webhookEvents.bodyHash, sha256(body)))
    )[0];
  /** The stored event once applied: answered once stored, applied right after. */
  const appliedEvent = (body: string) =>
    waitUntil(
      async () => {
        const row = await storedEvent(body);
        return row?.outcome === 'pending' ? null : row;
      },
      { what: 'the webhook applied' },
    );
  const webhookBody = (accountId: string, extraJson = '') =>
    `{"event":"account.updated","account_id":"${accountId}","provider":"hibob",` +
    `"event_date":"${new Date().toISOString()}"${extraJson ? `,${extraJson}` : ''}}`;

  describe('an account whose status reason holds a lone surrogate (defect 1)', () => {
    it('no longer stops the sync, its page or its webhooks', async () => {
      const surrogate = ids[42]!;
      const nul = ids[120]!;
      await breakAccount(surrogate, LONE_SURROGATE_JSON);
      await breakAccount(nul, '"a\\u0000b"');
      // The sandbox keeps and answers the text raw, as a real upstream could.
      expect(sandboxAccount(surrogate).status_reasons![0]!.description).toBe('caf\ud83d');
      const raw = await (await platformFetch(t.sandbox, `/accounts/${surrogate}`)).text();
      expect(raw).toContain('caf\\ud83d"');

      const result = await t.console.deps.sync.runFull();
      expect(result).toMatchObject({ state: 'idle', error: null, seen: ACCOUNTS });
      const indexed = await db().select({ id: accounts.id, reasons: accounts.statusReasons }).from(accounts);
      expect(indexed).toHaveLength(ACCOUNTS);
      const reasonOf = (id: string) => indexed.find((r) => r.id === id)!.reasons[0]!.description;
      expect(reasonOf(surrogate)).toBe('caf\ufffd');
      expect(reasonOf(nul)).toBe('ab');

      const page = await t.api(`/api/accounts/${surrogate}`);
      expect(page.status).toBe(200);
      const detail = (await page.json()) as AccountDetail;
      expect(detail.account.statusReasons[0]!.description).toBe('caf\ufffd');

      const body = webhookBody(surrogate);
      expect((await postWebhook(body)).status).toBe(200);
      expect(await appliedEvent(body)).toMatchObject({ outcome: 'applied', error: null });
    });
  });

  describe('a mutation whose input the audit log could not hold (defect 3)', () => {
    let support: string;
    beforeAll(async () => {
      support = await t.userCookie('support');
    });

    it('refuses a label with a lone surrogate before StackOne is asked: nothing changes', async () => {
      const id = ids[3]!;
      const before = { label: sandboxAccount(id).label, audit: await auditRows() };
      const res = await t.api(`/api/accounts/${id}`, {
        method: 'PATCH',
        cookie: support,
        body: `{"label":${LONE_SURROGATE_JSON}}`,
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({
        error: { code: 'bad_request', fields: { label: expect.stringContaining('surrogate') } },
      });
      expect(sandboxAccount(id).label).toBe(before.label);
      expect(await auditRows()).toBe(before.audit);
    });

    it.each([
      ['originOwnerName', `{"originOwnerId":"cust_hd","originOwnerName":${LONE_SURROGATE_JSON}}`],
      ['label', `{"originOwnerId":"cust_hd","originOwnerName":"Acme","label":${LONE_SURROGATE_JSON}}`],
      ['originOwnerId', '{"originOwnerId":"cust\\u0000hd","originOwnerName":"Acme"}'],
    ])(
      'refuses a new-account connect session with a bad %s before StackOne is asked',
      async (field, body) => {
        const manager = await t.userCookie('manager');
        const before = { sessions: t.sandbox.context.store.sessions.size, audit: await auditRows() };
        const res = await t.api('/api/connect-sessions', { method: 'POST', cookie: manager, body });
        expect(res.status).toBe(400);
        expect(await res.json()).toMatchObject({
          error: { code: 'bad_request', fields: { [field]: expect.any(String) } },
        });
        expect(t.sandbox.context.store.sessions.size).toBe(before.sessions);
        expect(await auditRows()).toBe(before.audit);
      },
    );

    it('refuses an account connect session whose body holds a lone surrogate before StackOne is asked', async () => {
      const before = t.sandbox.context.store.sessions.size;
      const res = await t.api(`/api/accounts/${ids[4]!}/connect-session`, {
        method: 'POST',
        cookie: support,
        body: `{"purpose":"hub","note":${LONE_SURROGATE_JSON}}`,
      });
      expect(res.status).toBe(400);
      expect(t.sandbox.context.store.sessions.size).toBe(before);
    });

    it('audits a change made for an account whose owner name upstream holds a lone surrogate', async () => {
      const id = ids[5]!;
      const patched = await platformFetch(t.sandbox, `/accounts/${id}`, {
        method: 'PATCH',
        body: `{"origin_owner_name":${LONE_SURROGATE_JSON}}`,
      });
      expect(patched.status).toBe(200);
      await t.console.deps.sync.runFull();
      const res = await t.api(`/api/accounts/${id}/connect-session`, {
        method: 'POST',
        cookie: support,
        body: '{"purpose":"hub"}',
      });
      expect(res.status).toBe(201);
      const [row] = await db().select().from(auditLog).where(eq(auditLog.targetId, id));
      expect(row).toMatchObject({ action: 'account.connect_session_created', outcome: 'success' });
      expect(row!.targetOwner).toContain('caf\ufffd');
    });
  });

  describe('request bodies on /api (defect 5)', () => {
    it('refuses a 1 MB sign-in body with 413 in the API error shape', async () => {
      const res = await t.api('/api/auth/sign-in/email', {
        method: 'POST',
        cookie: '',
        body: JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(1024 * 1024) }),
      });
      expect(res.status).toBe(413);
      expect(await res.json()).toEqual({
        error: { code: 'payload_too_large', message: expect.stringContaining('262144 bytes') },
      });
    });

    it('answers an endless streamed body with 413 instead of buffering it', async () => {
      // A body that never ends: only a server that stops reading at the limit can answer at all.
      const chunk = new TextEncoder().encode(`{"email":"a@b.c","password":"${'x'.repeat(16_000)}`);
      let sent = 0;
      const endless = new ReadableStream<Uint8Array>({
        pull(controller) {
          sent += chunk.length;
          controller.enqueue(chunk);
        },
      });
      const res = await t.api('/api/auth/sign-in/email', {
        method: 'POST',
        cookie: '',
        headers: { 'content-type': 'application/json' },
        body: endless,
        duplex: 'half',
      } as RequestInit & { cookie: string });
      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({ error: { code: 'payload_too_large' } });
      expect(sent).toBeGreaterThan(256 * 1024);
    });

    it('answers a 10 KB body nested 5,000 deep with 400, logging no stack trace', async () => {
      const logged = vi.spyOn(console, 'error');
      try {
        const body = `{"label":${nestedArrays(5000)}}`;
        expect(body.length).toBeLessThan(11_000);
        const res = await t.api(`/api/accounts/${ids[6]!}`, { method: 'PATCH', body });
        expect(res.status).toBe(400);
        expect(await res.json()).toMatchObject({
          error: {
            code: 'bad_request',
            fields: { [`label${'.0'.repeat(31)}`]: expect.stringContaining('nested') },
          },
        });
        expect(logged).not.toHaveBeenCalled();
      } finally {
        logged.mockRestore();
      }
    });
  });

  describe('signed webhooks with text Postgres cannot store as sent (defect 7)', () => {
    it.each([
      ['a NUL', '"reason":"a\\u0000b","label\\u0000":"x"', { reason: 'ab', label: 'x' }],
      ['a lone surrogate', `"reason":${LONE_SURROGATE_JSON}`, { reason: 'caf\ufffd' }],
      ['nesting 5,000 deep', `"detail":${nestedArrays(5000)}`, { detail: expect.any(Array) }],
    ])('stores and applies one holding %s, answering 200', async (_what, extraJson, expected) => {
      const id = ids[7]!;
      const body = webhookBody(id, extraJson);
      const res = await postWebhook(body);
      expect(res.status).toBe(200);
      const stored = await appliedEvent(body);
      expect(stored).toMatchObject({ outcome: 'applied', accountId: id, payload: expected });
      expect(JSON.stringify(stored!.payload)).not.toContain('\\u0000');
    });

    it('keeps what nests too deep as a marker', async () => {
      const body = webhookBody(ids[8]!, `"detail":${nestedArrays(100)}`);
      expect((await postWebhook(body)).status).toBe(200);
      expect(JSON.stringify((await storedEvent(body))!.payload)).toContain(TOO_DEEP);
    });

    it('answers a body over WEBHOOK_MAX_BYTES with 413 in the API error shape', async () => {
      const max = t.console.deps.config.webhookMaxBytes;
      const res = await postWebhook(webhookBody(ids[9]!, `"padding":"${'x'.repeat(max)}"`));
      expect(res.status).toBe(413);
      expect(await res.json()).toEqual({
        error: {
          code: 'payload_too_large',
          message: `Webhook body (WEBHOOK_MAX_BYTES) is larger than ${max} bytes`,
        },
      });
    });
  });
});
