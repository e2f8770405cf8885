import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident, IncidentDetail, IncidentListResponse } from '../../../shared/schemas/incident.ts';
import { startTestConsole, TEST_DATABASES, type TestConsole } from '../../support/console.ts';
import { openEventStream } from '../../support/event-stream.ts';
import { basicAuthHeader, platformFetch } from '../../support/sandbox.ts';
import { waitUntil as waitFor } from '../../support/webhook-receiver.ts';

/** Webhooks and their re-reads take their time on a busy machine. */
const waitUntil = <T>(probe: () => T | Promise<T>, options: { what: string }) =>
  waitFor(probe, { timeoutMs: 30_000, ...options });

interface WireAccount {
  id: string;
  status: string;
  provider: string;
  status_reasons: { timestamp: string }[] | null;
  updated_at: string;
}

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

function harness(t: () => TestConsole) {
  const db = () => t().console.deps.database.db;
  const control = (path: string, body: unknown = {}) =>
    fetch(`${t().sandbox.url}/_sandbox${path}`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', authorization: basicAuthHeader(t().sandbox.apiKey) },
    }).then((res) => {
      expect(res.ok, `${path}: ${res.status}`).toBe(true);
    });
  const incidentsOf = async (accountId: string) =>
    rowsOf<{ id: string; kind: string; state: string; resolution: string | null; opened_at: Date }>(
      await db().execute(
        sql`select id, kind, state, resolution, opened_at from incidents where account_id = ${accountId} order by opened_at, id`,
      ),
    );
  const historyOf = async (accountId: string) =>
    rowsOf<{ from_status: string | null; to_status: string; source: string }>(
      await db().execute(
        sql`select from_status, to_status, source from account_status_history where account_id = ${accountId} order by id`,
      ),
    );
  const upstreamAccounts = async () =>
    (await (await platformFetch(t().sandbox, '/accounts?page_size=100')).json()) as WireAccount[];
  return { db, control, incidentsOf, historyOf, upstreamAccounts };
}

describe.each(TEST_DATABASES)('incidents from webhooks on $name', ({ kind }) => {
  let t: TestConsole;
  let h: ReturnType<typeof harness>;
  let events: Awaited<ReturnType<typeof openEventStream>>;
  let active: WireAccount[];
  let supportCookie: string;

  beforeAll(async () => {
    t = await startTestConsole({ database: kind, autoSync: false, sandbox: { accounts: 30 } });
    h = harness(() => t);
    await t.console.deps.sync.runFull();
    active = (await h.upstreamAccounts()).filter((a) => a.status === 'active');
    events = await openEventStream(t);
    supportCookie = await t.userCookie('support');
  }, 120_000);
  afterAll(async () => {
    await events?.close();
    await t?.close();
  });

  const unresolvedOf = async (id: string) => (await h.incidentsOf(id)).filter((i) => i.state !== 'resolved');

  it('opens an incident once when an account breaks, resolves it on repair, and opens a new one on the next break', async () => {
    const id = active[0]!.id;
    await h.control(`/accounts/${id}/break`, { status: 'error', code: 'token_expired' });
    await waitUntil(async () => (await unresolvedOf(id)).length === 1, { what: 'the incident opened' });
    await waitUntil(
      () =>
        events.events.some(
          (e) => e.type === 'incident.changed' && e.accountId === id && e.change === 'opened',
        ),
      { what: 'incident.changed (opened) streamed' },
    );
    const [opened] = await h.incidentsOf(id);
    expect(opened).toMatchObject({ kind: 'error', state: 'open', resolution: null });

    await h.control(`/accounts/${id}/repair`);
    await waitUntil(async () => (await unresolvedOf(id)).length === 0, { what: 'the incident resolved' });
    expect(await h.incidentsOf(id)).toMatchObject([
      { id: opened!.id, state: 'resolved', resolution: 'active' },
    ]);

    await h.control(`/accounts/${id}/break`, { status: 'error' });
    await waitUntil(async () => (await unresolvedOf(id)).length === 1, { what: 'a second incident' });
    const all = await h.incidentsOf(id);
    expect(all).toHaveLength(2);
    expect(all[1]!.id).not.toBe(opened!.id);
    expect((await h.historyOf(id)).map((r) => [r.from_status, r.to_status, r.source])).toEqual([
      [null, 'active', 'sync'],
      ['active', 'error', 'webhook'],
      ['error', 'active', 'webhook'],
      ['active', 'error', 'webhook'],
    ]);
  });

  it('resolves an error incident as kind_changed and opens an inactive one when the account turns inactive', async () => {
    const id = active[1]!.id;
    await h.control(`/accounts/${id}/break`, { status: 'error' });
    await waitUntil(async () => (await unresolvedOf(id)).length === 1, { what: 'the error incident' });
    await h.control(`/accounts/${id}/break`, { status: 'inactive' });
    await waitUntil(async () => (await unresolvedOf(id))[0]?.kind === 'inactive', {
      what: 'the inactive incident',
    });
    expect((await h.incidentsOf(id)).map((i) => [i.kind, i.state, i.resolution])).toEqual([
      ['error', 'resolved', 'kind_changed'],
      ['inactive', 'open', null],
    ]);
  });

  it('resolves the incident as deleted when the account is deleted upstream', async () => {
    const id = active[2]!.id;
    await h.control(`/accounts/${id}/break`, { status: 'error' });
    await waitUntil(async () => (await unresolvedOf(id)).length === 1, { what: 'the incident' });
    const res = await platformFetch(t.sandbox, `/accounts/${id}`, { method: 'DELETE' });
    expect(res.ok).toBe(true);
    await waitUntil(async () => (await h.incidentsOf(id))[0]?.resolution === 'deleted', {
      what: 'the incident resolved as deleted',
    });
  });

  it('lets support work an incident: queue, assign to me, state, mute, notes, detail with history', async () => {
    const id = active[3]!.id;
    await h.control(`/accounts/${id}/break`, { status: 'error', code: 'invalid_credentials' });
    await waitUntil(async () => (await unresolvedOf(id)).length === 1, { what: 'the incident' });
    const api = (path: string, init: RequestInit = {}) => t.api(path, { ...init, cookie: supportCookie });

    const queue = (await (
      await api('/api/incidents?q=' + encodeURIComponent(id))
    ).json()) as IncidentListResponse;
    expect(queue.total).toBe(1);
    const [item] = queue.items;
    expect(item).toMatchObject({ accountId: id, state: 'open', kind: 'error', assignee: null, noteCount: 0 });

    const me = (await (await api('/api/me')).json()) as { id?: string; user?: { id: string } };
    const myId = me.user?.id ?? me.id!;
    const mutedUntil = new Date(Date.now() + 3_600_000).toISOString();
    const patched = await api(`/api/incidents/${item!.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ assigneeId: myId, state: 'acknowledged', mutedUntil }),
    });
    expect(patched.status).toBe(200);
    expect((await patched.json()) as Incident).toMatchObject({
      state: 'acknowledged',
      assignee: { id: myId },
      mutedUntil,
    });

    const mine = (await (await api('/api/incidents?assignee=me')).json()) as IncidentListResponse;
    expect(mine.items.map((i) => i.id)).toContain(item!.id);
    const unassigned = (await (await api('/api/incidents?assignee=none')).json()) as IncidentListResponse;
    expect(unassigned.items.map((i) => i.id)).not.toContain(item!.id);
    expect(mine.facets.assignee[myId]).toBeGreaterThanOrEqual(1);

    const note = await api(`/api/incidents/${item!.id}/notes`, {
      method: 'POST',
      body: JSON.stringify({ body: 'Asked the customer to sign in again' }),
    });
    expect(note.status).toBe(201);
    const badNote = await api(`/api/incidents/${item!.id}/notes`, {
      method: 'POST',
      body: JSON.stringify({ body: ' ' }),
    });
    expect(badNote.status).toBe(400);
    const resolvedState = await api(`/api/incidents/${item!.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ state: 'resolved' }),
    });
    expect(resolvedState.status).toBe(400);

    const detail = (await (await api(`/api/incidents/${item!.id}`)).json()) as IncidentDetail;
    expect(detail.incident.noteCount).toBe(1);
    expect(detail.notes.map((n) => n.body)).toEqual(['Asked the customer to sign in again']);
    expect(detail.history.map((e) => [e.fromStatus, e.toStatus])).toEqual([['active', 'error']]);

    const audit = rowsOf<{ action: string }>(
      await h.db().execute(sql`select action from audit_log where target_id = ${item!.id} order by id`),
    );
    expect(audit.map((a) => a.action)).toEqual(['incident.updated', 'incident.note_added']);

    // A re-link link for the account: its incident now waits on the customer.
    const link = await api(`/api/accounts/${id}/connect-session`, {
      method: 'POST',
      body: JSON.stringify({ purpose: 'auth_link', expiresIn: 3600 }),
    });
    expect(link.status).toBe(201);
    const account = (await (await api(`/api/accounts/${id}`)).json()) as { openIncident: Incident | null };
    expect(account.openIncident).toMatchObject({ id: item!.id, state: 'waiting_on_customer' });

    await h.control(`/accounts/${id}/repair`);
    await waitUntil(async () => (await unresolvedOf(id)).length === 0, { what: 'resolved on repair' });
    const after = await api(`/api/incidents/${item!.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ state: 'open' }),
    });
    expect(after.status).toBe(409);
    const repaired = (await (await api(`/api/accounts/${id}`)).json()) as { openIncident: Incident | null };
    expect(repaired.openIncident).toBeNull();
  });
});

describe.each(TEST_DATABASES)('incidents from sync and detail reads on $name', ({ kind }) => {
  let t: TestConsole;
  let h: ReturnType<typeof harness>;

  beforeAll(async () => {
    // No webhooks: every change is found by a sync or a live read.
    t = await startTestConsole({
      database: kind,
      autoSync: false,
      sandbox: { accounts: 30, webhookUrls: [] },
    });
    h = harness(() => t);
    await t.console.deps.sync.runFull();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('opens one incident per account broken at the first sync, opened when its first reason was given', async () => {
    const upstream = await h.upstreamAccounts();
    const broken = upstream.filter((a) => a.status === 'error' || a.status === 'inactive');
    expect(broken.length).toBeGreaterThan(0);
    const open = rowsOf<{ account_id: string; opened_at: Date }>(
      await h.db().execute(sql`select account_id, opened_at from incidents where state <> 'resolved'`),
    );
    expect(open.map((r) => r.account_id).sort()).toEqual(broken.map((a) => a.id).sort());
    for (const a of broken) {
      const row = open.find((r) => r.account_id === a.id)!;
      const first = a.status_reasons?.length
        ? Math.min(...a.status_reasons.map((r) => Date.parse(r.timestamp)))
        : Date.parse(a.updated_at);
      expect(new Date(row.opened_at).getTime()).toBe(first);
    }
    // A second sync of an unchanged listing opens nothing and records nothing.
    const before = rowsOf<{ n: number }>(
      await h.db().execute(sql`select count(*)::int as n from account_status_history`),
    );
    await t.console.deps.sync.runFull();
    const after = rowsOf<{ n: number }>(
      await h.db().execute(sql`select count(*)::int as n from account_status_history`),
    );
    expect(after[0]!.n).toBe(before[0]!.n);
    const again = rowsOf<{ n: number }>(await h.db().execute(sql`select count(*)::int as n from incidents`));
    expect(again[0]!.n).toBe(broken.length);
  });

  it('records a baseline, not transitions, for an installation that had accounts before the history', async () => {
    await h.db().execute(sql`truncate account_status_history, incidents`);
    await t.console.deps.sync.runFull();
    const sources = rowsOf<{ source: string; from_status: string | null; n: number }>(
      await h
        .db()
        .execute(
          sql`select source, from_status, count(*)::int as n from account_status_history group by 1, 2`,
        ),
    );
    const indexed = rowsOf<{ n: number }>(await h.db().execute(sql`select count(*)::int as n from accounts`));
    expect(sources).toEqual([{ source: 'baseline', from_status: null, n: indexed[0]!.n }]);
    const broken = (await h.upstreamAccounts()).filter(
      (a) => a.status === 'error' || a.status === 'inactive',
    );
    const open = rowsOf<{ n: number }>(
      await h.db().execute(sql`select count(*)::int as n from incidents where state = 'open'`),
    );
    expect(open[0]!.n).toBe(broken.length);
  });

  it('publishes a change a live detail read finds, and opens its incident', async () => {
    const events = await openEventStream(t);
    try {
      const target = (await h.upstreamAccounts()).find((a) => a.status === 'active')!;
      await h.control(`/accounts/${target.id}/break`, { status: 'error' });
      const res = await t.api(`/api/accounts/${target.id}`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { account: { status: string }; openIncident: Incident | null };
      expect(body.account.status).toBe('error');
      expect(body.openIncident).toMatchObject({ accountId: target.id, state: 'open', kind: 'error' });
      await waitUntil(
        () =>
          events.events.some(
            (e) => e.type === 'account.changed' && e.accountId === target.id && e.status === 'error',
          ),
        { what: 'account.changed streamed from the detail read' },
      );
      expect((await h.historyOf(target.id)).at(-1)).toMatchObject({
        from_status: 'active',
        to_status: 'error',
        source: 'detail',
      });
      // Read again, unchanged: nothing more is written or published.
      const count = events.events.length;
      await t.api(`/api/accounts/${target.id}`);
      expect((await h.historyOf(target.id)).length).toBe(2);
      expect((await h.incidentsOf(target.id)).length).toBe(1);
      expect(events.events.slice(count).filter((e) => e.type === 'account.changed')).toEqual([]);

      // Repaired, found by the sync.
      await h.control(`/accounts/${target.id}/repair`);
      await t.console.deps.sync.runFull();
      expect(await h.incidentsOf(target.id)).toMatchObject([{ state: 'resolved', resolution: 'active' }]);
    } finally {
      await events.close();
    }
  });
});
