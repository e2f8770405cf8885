import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../../server/db/schema.ts';
import type { AuditEntry } from '../../../shared/schemas/audit.ts';
import type { ApiErrorBody } from '../../../shared/schemas/errors.ts';
import {
  startTestConsole,
  TEST_ADMIN,
  TEST_DATABASES,
  TEST_WEBHOOK_SECRET,
  type ConsoleClient,
  type SuccessBody,
  type TestConsole,
} from '../../support/console.ts';
import { platformFetch } from '../../support/sandbox.ts';

interface WireAccount {
  id: string;
  provider: string;
  origin_owner_id: string;
  origin_owner_name: string;
  status: string;
  status_reasons: { code: string | null }[] | null;
}

/** RFC 4180: quoted cells, doubled quotes, CRLF between records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (quoted) {
      cell += ch;
    } else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      rows.push([...row, cell]);
      row = [];
      cell = '';
      i++;
    } else {
      cell += ch;
    }
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

const cookieToken = (cookie: string) => /session_token=([^.;]+)/.exec(cookie)?.[1] ?? '';

describe.each(TEST_DATABASES)('the audit log on $name', ({ kind }) => {
  let t: TestConsole;
  let accounts: WireAccount[];
  const cookies = {} as Record<'support' | 'manager' | 'admin', string>;
  const emails = {} as Record<'support' | 'manager', string>;
  /** Every secret value the tour below handles; none may reach an audit row. */
  const secrets: string[] = [];
  const ua = (who: string) => ({ 'user-agent': `AuditTest/1.0 (${who})` });

  beforeAll(async () => {
    t = await startTestConsole({
      database: kind,
      autoSync: false,
      sandbox: { accounts: 12, webhookUrls: [] },
    });
    await t.console.deps.sync.runFull();
    accounts = (await (await platformFetch(t.sandbox, '/accounts')).json()) as WireAccount[];
    cookies.admin = await t.signIn(TEST_ADMIN.email, TEST_ADMIN.password);
    for (const role of ['support', 'manager'] as const) {
      emails[role] = `${role}-auditee@switchboard.test`;
      const res = await t.api('/api/users', {
        method: 'POST',
        cookie: cookies.admin,
        headers: ua('admin'),
        body: JSON.stringify({ email: emails[role], name: role, password: `${role}-secret-pass`, role }),
      });
      expect(res.status).toBe(201);
      cookies[role] = await t.signIn(emails[role], `${role}-secret-pass`);
    }
    secrets.push(
      TEST_ADMIN.password,
      'support-secret-pass',
      'manager-secret-pass',
      t.sandbox.apiKey,
      TEST_WEBHOOK_SECRET,
      t.console.deps.config.auth.secret!,
      ...Object.values(cookies).map(cookieToken),
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  const as = (who: keyof typeof cookies, path: string, init: RequestInit = {}) =>
    t.api(path, { ...init, cookie: cookies[who], headers: { ...ua(who), ...(init.headers as object) } });
  const client = (who: keyof typeof cookies) => t.clientAs(cookies[who], ua(who));
  const audit = async (query: string): Promise<SuccessBody<ConsoleClient['audit']['$get']>> => {
    const res = await as('admin', `/api/audit?${query}`);
    expect(res.status).toBe(200);
    return res.json();
  };
  /** The newest row of an action. */
  const latest = async (action: string, extra = '') =>
    (await audit(`action=${action}&pageSize=1${extra}`)).items[0];
  const owner = (a: WireAccount) => `${a.origin_owner_name} (${a.origin_owner_id})`;
  const LOCAL_IP = /^(::ffff:)?127\.0\.0\.1$|^::1$/;

  describe('one row for every kind of mutation', () => {
    it('records a label edit with actor, role, account, owner, outcome, IP and user agent', async () => {
      const account = accounts[0]!;
      const res = await as('support', `/api/accounts/${account.id}`, {
        method: 'PATCH',
        body: JSON.stringify({ label: 'Audited label' }),
      });
      expect(res.status).toBe(200);
      expect(await latest('account.label_updated')).toEqual({
        id: expect.any(Number),
        at: expect.any(String),
        actorId: expect.any(String),
        actorEmail: emails.support,
        actorRole: 'support',
        action: 'account.label_updated',
        targetType: 'account',
        targetId: account.id,
        targetOwner: owner(account),
        summary: { label: 'Audited label', attempts: 'as a string: accepted' },
        outcome: 'success',
        upstreamStatus: null,
        ip: expect.stringMatching(LOCAL_IP),
        userAgent: 'AuditTest/1.0 (support)',
      });
    });

    it('records a delete', async () => {
      const account = accounts[1]!;
      expect((await as('admin', `/api/accounts/${account.id}`, { method: 'DELETE' })).status).toBe(200);
      expect(await latest('account.deleted')).toMatchObject({
        actorEmail: TEST_ADMIN.email,
        actorRole: 'admin',
        targetType: 'account',
        targetId: account.id,
        targetOwner: owner(account),
        summary: { provider: account.provider },
        outcome: 'success',
        userAgent: 'AuditTest/1.0 (admin)',
      });
    });

    it('records a Hub session and an auth link for an account, without their tokens', async () => {
      const account = accounts[2]!;
      for (const json of [{ purpose: 'hub' }, { purpose: 'auth_link', expiresIn: 86_400 }] as const) {
        const res = await client('support').accounts[':id']['connect-session'].$post({
          param: { id: account.id },
          json,
        });
        expect(res.status).toBe(201);
        const session = await res.json();
        secrets.push(session.token, session.authLinkUrl);
      }
      expect(await latest('account.connect_session_created')).toMatchObject({
        actorEmail: emails.support,
        actorRole: 'support',
        targetType: 'account',
        targetId: account.id,
        targetOwner: owner(account),
        summary: { purpose: 'hub', expiresIn: null, expiresAt: expect.any(String) },
        outcome: 'success',
      });
      expect(await latest('account.auth_link_created')).toMatchObject({
        actorEmail: emails.support,
        targetId: account.id,
        targetOwner: owner(account),
        summary: { purpose: 'auth_link', expiresIn: 86_400, expiresAt: expect.any(String) },
        outcome: 'success',
      });
    });

    it('records a connect session for a new account, with the customer it is for', async () => {
      const res = await as('manager', '/api/connect-sessions', {
        method: 'POST',
        body: JSON.stringify({
          originOwnerId: 'cust_audit',
          originOwnerName: 'Audit Ltd',
          provider: accounts[0]!.provider,
          label: 'Second entity',
        }),
      });
      expect(res.status).toBe(201);
      const session: SuccessBody<ConsoleClient['connect-sessions']['$post']> = await res.json();
      secrets.push(session.token);
      expect(await latest('connect_session.created')).toMatchObject({
        actorEmail: emails.manager,
        actorRole: 'manager',
        targetType: 'connect_session',
        targetOwner: 'Audit Ltd (cust_audit)',
        summary: {
          provider: accounts[0]!.provider,
          label: 'Second entity',
          multiple: true,
          purpose: 'hub',
          expiresAt: expect.any(String),
        },
        outcome: 'success',
      });
    });

    it('records a user created and a user updated, with no password', async () => {
      const created = await client('admin').users.$post({
        json: {
          email: 'new-hire@switchboard.test',
          name: 'New Hire',
          password: 'new-hire-secret-1',
          role: 'viewer',
        },
      });
      expect(created.status).toBe(201);
      const user = await created.json();
      const updated = await client('admin').users[':id'].$patch({
        param: { id: user.id },
        json: { role: 'support', password: 'changed-secret-2' },
      });
      expect(updated.status).toBe(200);
      secrets.push('new-hire-secret-1', 'changed-secret-2');
      expect(await latest('user.created')).toMatchObject({
        actorEmail: TEST_ADMIN.email,
        actorRole: 'admin',
        targetType: 'user',
        summary: { email: 'new-hire@switchboard.test', role: 'viewer', userId: user.id },
        outcome: 'success',
      });
      expect(await latest('user.updated')).toMatchObject({
        actorEmail: TEST_ADMIN.email,
        targetType: 'user',
        targetId: user.id,
        summary: { role: 'support', passwordChanged: true },
        outcome: 'success',
      });
    });

    it('records a refused change as a failure with the reason', async () => {
      const me = await (await client('admin').me.$get()).json();
      const res = await client('admin').users[':id'].$patch({
        param: { id: me.user.id },
        json: { disabled: true },
      });
      expect(res.status).toBe(409);
      expect(await latest('user.updated')).toMatchObject({
        targetId: me.user.id,
        outcome: 'failure',
        upstreamStatus: null,
        summary: { disabled: true, error: expect.stringMatching(/last active admin/i) },
      });
    });

    it('records sign-in, failed sign-in (without the password tried) and sign-out', async () => {
      const signIn = (password: string) =>
        t.api('/api/auth/sign-in/email', {
          method: 'POST',
          cookie: '',
          headers: ua('sign-in'),
          body: JSON.stringify({ email: emails.support, password }),
        });
      expect((await signIn('wrong-guess-secret')).status).toBe(401);
      secrets.push('wrong-guess-secret');
      const ok = await signIn('support-secret-pass');
      expect(ok.status).toBe(200);
      const cookie = ok.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      secrets.push(cookieToken(cookie));
      expect(
        (await t.api('/api/auth/sign-out', { method: 'POST', cookie, headers: ua('sign-out') })).status,
      ).toBe(200);

      expect(await latest('auth.sign_in_failed')).toMatchObject({
        actorId: null,
        actorEmail: null,
        summary: { email: emails.support },
        outcome: 'failure',
        ip: expect.stringMatching(LOCAL_IP),
        userAgent: 'AuditTest/1.0 (sign-in)',
      });
      const signedIn = await latest('auth.sign_in');
      expect(signedIn).toMatchObject({
        actorEmail: emails.support,
        actorRole: 'support',
        targetType: 'user',
        outcome: 'success',
        userAgent: 'AuditTest/1.0 (sign-in)',
      });
      expect(signedIn!.targetId).toBe(signedIn!.actorId);
      expect(await latest('auth.sign_out')).toMatchObject({
        actorEmail: emails.support,
        actorRole: 'support',
        targetId: signedIn!.actorId,
        outcome: 'success',
        userAgent: 'AuditTest/1.0 (sign-out)',
      });
    });

    it('records a sign-in refused by the rate limit as denied', async () => {
      const email = 'locked-out@switchboard.test';
      for (let i = 0; i < 6; i++) {
        await t.api('/api/auth/sign-in/email', {
          method: 'POST',
          cookie: '',
          body: JSON.stringify({ email, password: `guess-number-${i}` }),
        });
        secrets.push(`guess-number-${i}`);
      }
      expect(await latest('auth.sign_in_failed')).toMatchObject({
        outcome: 'denied',
        summary: { email, reason: 'rate_limited' },
      });
    });
  });

  describe('failed upstream calls', () => {
    it('records outcome failure with the upstream status', async () => {
      const account = accounts[3]!;
      const fault = await platformFetch(t.sandbox, '/_sandbox/faults', {
        method: 'POST',
        body: JSON.stringify({ path: '/connect_sessions', method: 'POST', status: 503 }),
      });
      expect(fault.status).toBe(201);
      try {
        const res = await as('support', `/api/accounts/${account.id}/connect-session`, {
          method: 'POST',
          body: JSON.stringify({ purpose: 'auth_link' }),
        });
        expect(res.status).toBe(503);
      } finally {
        await platformFetch(t.sandbox, '/_sandbox/faults', { method: 'DELETE' });
      }
      expect(await latest('account.auth_link_created')).toMatchObject({
        actorEmail: emails.support,
        targetId: account.id,
        targetOwner: owner(account),
        outcome: 'failure',
        upstreamStatus: 503,
        summary: { purpose: 'auth_link', error: expect.stringContaining('503') },
      });
      // The account's page shows the failed attempt too.
      const detail = await (
        await client('support').accounts[':id'].$get({ param: { id: account.id } })
      ).json();
      expect(detail.timeline).toContainEqual(
        expect.objectContaining({
          kind: 'audit',
          action: 'account.auth_link_created',
          outcome: 'failure',
          detail: expect.objectContaining({ upstreamStatus: 503 }),
        }),
      );
    });
  });

  describe('secrets', () => {
    it('keeps every password, token, key and cookie out of every row', async () => {
      // Straight from the table, so that nothing the API leaves out escapes the check.
      const rows = await t.console.deps.database.db.select().from(auditLog);
      expect(rows.length).toBeGreaterThan(15);
      const csv = await (await as('admin', '/api/audit.csv')).text();
      const everything = JSON.stringify(rows) + csv;
      expect(secrets.filter((s) => s.length < 8)).toEqual([]);
      for (const secret of secrets) expect(everything, 'a secret in the audit log').not.toContain(secret);
      expect(everything).not.toMatch(/session_token|better-auth\.|Basic [A-Za-z0-9+/=]{8,}/);
    });
  });

  describe('reading it back', () => {
    it('lists newest first, with paging and a total', async () => {
      const all = await audit('pageSize=500');
      expect(all.total).toBe(all.items.length);
      const ats = all.items.map((e) => Date.parse(e.at));
      expect(ats).toEqual([...ats].sort((a, b) => b - a));
      const page2 = await audit('pageSize=3&page=2');
      expect(page2).toMatchObject({ page: 2, pageSize: 3, total: all.total });
      expect(page2.items.map((e) => e.id)).toEqual(all.items.slice(3, 6).map((e) => e.id));
      const beyond = await audit(`pageSize=3&page=${Math.ceil(all.total / 3) + 1}`);
      expect(beyond.items).toEqual([]);
    });

    it('filters by actor email (part of it, any case) or actor id', async () => {
      const byEmail = await audit('actor=SUPPORT-auditee&pageSize=500');
      expect(byEmail.items.length).toBeGreaterThan(3);
      for (const e of byEmail.items) expect(e.actorEmail).toBe(emails.support);
      const byId = await audit(`actor=${byEmail.items[0]!.actorId}&pageSize=500`);
      expect(byId.items.map((e) => e.id)).toEqual(byEmail.items.map((e) => e.id));
    });

    it('filters by action and by account', async () => {
      const labels = await audit('action=account.label_updated');
      expect(labels.items.length).toBeGreaterThan(0);
      for (const e of labels.items) expect(e.action).toBe('account.label_updated');
      const account = accounts[2]!;
      const byAccount = await audit(`accountId=${account.id}`);
      expect(byAccount.items.map((e) => e.action).sort()).toEqual([
        'account.auth_link_created',
        'account.connect_session_created',
      ]);
    });

    it('filters by time, from and to both included', async () => {
      const all = (await audit('pageSize=500')).items;
      const from = all[all.length - 5]!.at;
      const to = all[4]!.at;
      const window = await audit(
        `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&pageSize=500`,
      );
      const expected = all.filter((e) => e.at >= from && e.at <= to).map((e) => e.id);
      expect(expected.length).toBeGreaterThan(0);
      expect(window.items.map((e) => e.id)).toEqual(expected);
      expect(
        (await audit(`from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).total,
      ).toBe(0);
    });

    it('refuses a bad filter with 400 naming the field', async () => {
      const res = await as('admin', '/api/audit?from=yesterday&pageSize=0');
      expect(res.status).toBe(400);
      const body: ApiErrorBody = await res.json();
      expect(Object.keys(body.error.fields!).sort()).toEqual(['from', 'pageSize']);
    });

    it('exports the same filter as CSV: a header, then one row per entry', async () => {
      const filter = `actor=${encodeURIComponent(emails.support)}`;
      const page = await audit(`${filter}&pageSize=500`);
      const res = await as('admin', `/api/audit.csv?${filter}&page=2&pageSize=1`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(res.headers.get('content-disposition')).toMatch(
        /^attachment; filename="switchboard-audit-.*\.csv"$/,
      );
      const [header, ...rows] = parseCsv(await res.text());
      expect(header).toEqual([
        'at',
        'actorEmail',
        'actorRole',
        'action',
        'targetType',
        'targetId',
        'targetOwner',
        'outcome',
        'upstreamStatus',
        'ip',
        'userAgent',
        'summary',
      ]);
      // Paging does not apply to the export: every matching row.
      expect(rows).toHaveLength(page.total);
      const cell = (row: string[], name: string) => row[header!.indexOf(name)];
      rows.forEach((row, i) => {
        const entry: AuditEntry = page.items[i]!;
        expect(cell(row, 'at')).toBe(entry.at);
        expect(cell(row, 'action')).toBe(entry.action);
        expect(cell(row, 'actorEmail')).toBe(emails.support);
        expect(cell(row, 'upstreamStatus')).toBe(
          entry.upstreamStatus === null ? '' : String(entry.upstreamStatus),
        );
        expect(JSON.parse(cell(row, 'summary')!)).toEqual(entry.summary);
      });
    });

    it('defuses a spreadsheet formula someone slipped into a cell', async () => {
      await t.api('/api/auth/sign-in/email', {
        method: 'POST',
        cookie: '',
        headers: { 'user-agent': '=HYPERLINK("http://evil.test","click")' },
        body: JSON.stringify({ email: 'formula@switchboard.test', password: 'formula-guess' }),
      });
      const res = await as('admin', '/api/audit.csv?action=auth.sign_in_failed');
      const [header, ...rows] = parseCsv(await res.text());
      const agents = rows.map((r) => r[header!.indexOf('userAgent')]!);
      expect(agents).toContain(`'=HYPERLINK("http://evil.test","click")`);
      for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@]/);
    });
  });

  describe('the account timeline', () => {
    it("shows that account's audit entries, newest first, and no other account's", async () => {
      const account = accounts[2]!;
      const res = await client('support').accounts[':id'].$get({ param: { id: account.id } });
      const { timeline } = await res.json();
      const entries = timeline.filter((e) => e.kind === 'audit');
      expect(entries.map((e) => e.action)).toEqual([
        'account.auth_link_created',
        'account.connect_session_created',
      ]);
      expect(entries[0]).toEqual({
        kind: 'audit',
        at: expect.any(String),
        action: 'account.auth_link_created',
        actor: emails.support,
        outcome: 'success',
        // With the account's status when the link was made, for the timeline's "error → active".
        detail: {
          purpose: 'auth_link',
          expiresIn: 86_400,
          expiresAt: expect.any(String),
          status: account.status,
          reasonCodes: (account.status_reasons ?? []).flatMap((r) => (r.code ? [r.code] : [])),
        },
      });
      const labelled = await (
        await client('support').accounts[':id'].$get({ param: { id: accounts[0]!.id } })
      ).json();
      expect(labelled.timeline).toContainEqual(
        expect.objectContaining({ kind: 'audit', action: 'account.label_updated', actor: emails.support }),
      );
    });
  });
});
