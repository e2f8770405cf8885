import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Link } from '../../../shared/schemas/links.ts';
import { startTestConsole, TEST_ADMIN, TEST_DATABASES, type TestConsole } from '../../support/console.ts';
import { platformFetch } from '../../support/sandbox.ts';

interface WireAccount {
  id: string;
  provider: string;
  status: string;
  origin_owner_id: string;
}

interface LinkSession {
  token: string;
  authLinkUrl: string;
  expiresAt: string;
  link: { id: string; url: string };
}

/**
 * The ledger through every state: a link is `sent`, `opened` through its short link (no cookies),
 * `completed` when the account is repaired upstream (the sandbox's webhook), `superseded` by a newer
 * link, `revoked`, or `expired`; an ended link never hands out StackOne's URL.
 */
describe.each(TEST_DATABASES)('the link ledger on $name', ({ kind }) => {
  let t: TestConsole;
  let seeded: WireAccount[];
  let next = 0;
  /** An account no other test has made links for. */
  const anAccount = () => seeded[next++]!;
  let expiring: { session: LinkSession; account: WireAccount };

  const linkFor = async (accountId: string, body: Record<string, unknown> = {}, cookie?: string) => {
    const res = await t.api(`/api/accounts/${accountId}/connect-session`, {
      method: 'POST',
      body: JSON.stringify({ purpose: 'auth_link', ...body }),
      ...(cookie !== undefined ? { cookie } : {}),
    });
    expect(res.status).toBe(201);
    return (await res.json()) as LinkSession;
  };
  const ledger = async (query = '') => {
    const res = await t.api(`/api/links?pageSize=200${query}`);
    expect(res.status).toBe(200);
    return (await res.json()) as { items: Link[]; total: number };
  };
  const entry = async (id: string) => (await ledger()).items.find((l) => l.id === id)!;
  /** Opens a short link as a customer would: no cookie, no Origin, redirects not followed. */
  const open = (url: string) => fetch(url, { redirect: 'manual' });
  /** Resolves when the console publishes the link reaching `state`. */
  const reaches = (linkId: string, state: string) =>
    new Promise<void>((resolve) => {
      const stop = t.console.deps.bus.subscribe(({ event }) => {
        if (event.type === 'link.changed' && event.linkId === linkId && event.state === state) {
          stop();
          resolve();
        }
      });
    });
  const expectNoStackOneUrl = (html: string, session: LinkSession) => {
    expect(html).not.toContain(session.token);
    expect(html).not.toContain(session.authLinkUrl);
    expect(html).not.toContain(t.sandbox.url);
  };

  beforeAll(async () => {
    t = await startTestConsole({ database: kind, autoSync: false, sandbox: { accounts: 20 } });
    await t.console.deps.sync.runFull();
    seeded = (await (await platformFetch(t.sandbox, '/accounts?page_size=100')).json()) as WireAccount[];
    // Made first, with the shortest expiry there is; checked by the last test, once it has passed.
    const account = anAccount();
    expiring = { account, session: await linkFor(account.id, { expiresIn: 60 }) };
  });
  afterAll(async () => {
    await t?.close();
  });

  it('records a re-link link as sent, and answers its short link and ledger id', async () => {
    const account = anAccount();
    const session = await linkFor(account.id, { expiresIn: 3600 });
    expect(session.link.url).toMatch(
      new RegExp(`^${t.console.deps.config.publicUrl.replace(/\/$/, '')}/l/[A-Za-z0-9_-]{22,}$`),
    );
    // At least 128 random bits: 22 base64url characters.
    expect(session.link.url.split('/l/')[1]!.length).toBeGreaterThanOrEqual(22);
    const link = await entry(session.link.id);
    expect(link).toMatchObject({
      url: session.link.url,
      accountId: account.id,
      originOwnerId: account.origin_owner_id,
      provider: account.provider,
      state: 'sent',
      createdBy: TEST_ADMIN.email,
      expiresAt: session.expiresAt,
      openedAt: null,
      openCount: 0,
      completedAt: null,
    });
    // The ledger never holds StackOne's URL in an answer.
    expect(JSON.stringify(await ledger())).not.toContain(session.token);
  });

  it('counts opens of the short link without sign-in and redirects to StackOne, then completes when the account is repaired', async () => {
    const account = seeded.find((a, i) => i >= next && a.status !== 'active') ?? anAccount();
    next = Math.max(next, seeded.indexOf(account) + 1);
    const session = await linkFor(account.id);

    const first = await open(session.link.url);
    expect(first.status).toBe(302);
    expect(first.headers.get('location')).toBe(session.authLinkUrl);
    const second = await open(session.link.url);
    expect(second.status).toBe(302);
    const opened = await entry(session.link.id);
    expect(opened).toMatchObject({ state: 'opened', openCount: 2 });
    expect(opened.openedAt).not.toBeNull();
    expect(Date.parse(opened.lastOpenedAt!)).toBeGreaterThanOrEqual(Date.parse(opened.openedAt!));

    const completed = reaches(session.link.id, 'completed');
    const repaired = await platformFetch(t.sandbox, `/_sandbox/accounts/${account.id}/repair`, {
      method: 'POST',
    });
    expect(repaired.status).toBe(200);
    await completed;
    const done = await entry(session.link.id);
    expect(done.state).toBe('completed');
    expect(done.completedAt).not.toBeNull();

    // A used link sends nobody to StackOne again.
    const after = await open(session.link.url);
    expect(after.status).toBe(410);
    expectNoStackOneUrl(await after.text(), session);
  });

  it('completes a new-account link when an account is created for that customer and provider', async () => {
    const provider = seeded[0]!.provider;
    const res = await t.api('/api/connect-sessions', {
      method: 'POST',
      body: JSON.stringify({
        originOwnerId: 'cust_links_new',
        originOwnerName: 'Links New Ltd',
        provider,
        purpose: 'auth_link',
      }),
    });
    expect(res.status).toBe(201);
    const session = (await res.json()) as LinkSession;
    expect(await entry(session.link.id)).toMatchObject({
      kind: 'new_account',
      accountId: null,
      state: 'sent',
    });

    const completed = reaches(session.link.id, 'completed');
    const created = await platformFetch(t.sandbox, '/_sandbox/accounts', {
      method: 'POST',
      body: JSON.stringify({
        provider,
        origin_owner_id: 'cust_links_new',
        origin_owner_name: 'Links New Ltd',
      }),
    });
    expect(created.status).toBe(201);
    const account = (await created.json()) as { id: string };
    await completed;
    expect(await entry(session.link.id)).toMatchObject({ state: 'completed', accountId: account.id });
  });

  it('supersedes the older link of an account, whose short link then says so without a redirect', async () => {
    const account = anAccount();
    const older = await linkFor(account.id);
    const newer = await linkFor(account.id);
    expect(await entry(older.link.id)).toMatchObject({ state: 'superseded' });
    expect(await entry(newer.link.id)).toMatchObject({ state: 'sent' });

    const res = await open(older.link.url);
    expect(res.status).toBe(410);
    expect(res.headers.get('location')).toBeNull();
    const html = await res.text();
    expect(html).toContain('newer link');
    expect(html).toContain(TEST_ADMIN.email);
    expectNoStackOneUrl(html, older);
    expectNoStackOneUrl(html, newer);
    expect(html).not.toContain(newer.link.url);
  });

  it('revokes a link for support (audited): its short link stops at once, and a second revoke is a conflict', async () => {
    const support = await t.userCookie('support');
    const session = await linkFor(anAccount().id);
    const res = await t.api(`/api/links/${session.link.id}/revoke`, { method: 'POST', cookie: support });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: session.link.id, state: 'revoked' });

    const opened = await open(session.link.url);
    expect(opened.status).toBe(410);
    const html = await opened.text();
    expect(html).toContain('withdrawn');
    expectNoStackOneUrl(html, session);

    const again = await t.api(`/api/links/${session.link.id}/revoke`, { method: 'POST', cookie: support });
    expect(again.status).toBe(409);
    const audit = (await (await t.api('/api/audit?action=link.revoked')).json()) as {
      items: { targetId: string; outcome: string }[];
    };
    expect(audit.items.map((a) => [a.targetId, a.outcome])).toContainEqual([session.link.id, 'success']);
  });

  it('filters the ledger by state, account and creator', async () => {
    const support = await t.userCookie('support');
    const account = anAccount();
    const mine = await linkFor(account.id, {}, support);
    const byAccount = await ledger(`&accountId=${account.id}`);
    expect(byAccount.items.map((l) => l.id)).toEqual([mine.link.id]);
    const bySupport = (await (await t.api('/api/links?createdBy=me', { cookie: support })).json()) as {
      items: Link[];
      total: number;
    };
    expect(bySupport.items.map((l) => l.id)).toEqual([mine.link.id]);
    const superseded = await ledger('&state=superseded');
    expect(superseded.total).toBeGreaterThan(0);
    expect(superseded.items.every((l) => l.state === 'superseded')).toBe(true);
  });

  it('answers 404 for an unknown or malformed code, revealing nothing', async () => {
    const base = t.console.deps.config.publicUrl.replace(/\/$/, '');
    for (const code of ['AAAAAAAAAAAAAAAAAAAAAAAA', 'short', '..%2F..%2Fapi']) {
      const res = await open(`${base}/l/${code}`);
      expect(res.status).toBe(404);
      const html = await res.text();
      expect(html).toContain('There is no such link');
      expect(html).not.toContain(t.sandbox.url);
    }
  });

  it('expires a link at its expiry: the short link then says so, with no StackOne URL', async () => {
    const { session } = expiring;
    // The shortest expiry StackOne takes is 60 s. The console's clock (in this process) is moved
    // past it rather than waited out; timers stay real, so requests and the database run as ever.
    vi.useFakeTimers({
      toFake: ['Date'],
      now: Date.parse(session.expiresAt) + 1_000,
      shouldAdvanceTime: true,
    });
    try {
      const res = await open(session.link.url);
      expect(res.status).toBe(410);
      const html = await res.text();
      expect(html).toContain('expired');
      expectNoStackOneUrl(html, session);
      const link = await entry(session.link.id);
      expect(link).toMatchObject({ state: 'expired', openCount: 0 });
      expect(link.endedAt).toBe(session.expiresAt);
    } finally {
      vi.useRealTimers();
    }
  });

  it('limits opens per client', async () => {
    const base = t.console.deps.config.publicUrl.replace(/\/$/, '');
    const statuses: number[] = [];
    for (let i = 0; i < 35; i++) statuses.push((await open(`${base}/l/AAAAAAAAAAAAAAAAAAAAAAA${i}`)).status);
    // The tests above opened links from this client in this minute too: some 404s, then only 429s.
    const limited = statuses.indexOf(429);
    expect(limited).toBeGreaterThan(0);
    expect(statuses.slice(0, limited).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(limited).every((s) => s === 429)).toBe(true);
  });
});
