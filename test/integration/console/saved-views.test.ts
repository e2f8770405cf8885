import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage } from '../../../shared/schemas/audit.ts';
import type { SavedView, SavedViewList } from '../../../shared/schemas/saved-views.ts';
import { startTestConsole, TEST_DATABASES, type TestConsole } from '../../support/console.ts';

describe.each(TEST_DATABASES)('saved views (/api/views) on $name', ({ kind }) => {
  let t: TestConsole;
  const cookie = { owner: '', other: '', admin: '' };

  beforeAll(async () => {
    t = await startTestConsole({
      database: kind,
      autoSync: false,
      sandbox: { accounts: 5, webhookUrls: [] },
    });
    cookie.owner = await t.userCookie('viewer');
    cookie.other = await t.userCookie('support');
    cookie.admin = await t.userCookie('admin');
  });
  afterAll(async () => {
    await t?.close();
  });

  const call = async (who: keyof typeof cookie, method: string, path: string, body?: unknown) => {
    const res = await t.api(path, {
      method,
      cookie: cookie[who],
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as SavedView & SavedViewList };
  };
  const create = async (who: keyof typeof cookie, name: string, shared: boolean) => {
    const res = await call(who, 'POST', '/api/views', {
      name,
      shared,
      search: { status: ['error'], q: 'acme', sort: 'owner', order: 'asc' },
    });
    expect(res.status).toBe(201);
    return res.body;
  };

  it('keeps the search object as sent, and lists own and shared views only', async () => {
    const mine = await create('owner', 'Owner private', false);
    const shared = await create('owner', 'Owner shared', true);
    expect(mine).toMatchObject({
      name: 'Owner private',
      shared: false,
      canEdit: true,
      search: { status: ['error'], q: 'acme', sort: 'owner', order: 'asc' },
    });
    const own = (await call('owner', 'GET', '/api/views')).body.items.map((v) => v.id);
    expect(own).toEqual(expect.arrayContaining([mine.id, shared.id]));
    const others = (await call('other', 'GET', '/api/views')).body.items;
    expect(others.map((v) => v.id)).toContain(shared.id);
    expect(others.map((v) => v.id)).not.toContain(mine.id);
    expect(others.find((v) => v.id === shared.id)!.canEdit).toBe(false);
    expect(
      (await call('admin', 'GET', '/api/views')).body.items.find((v) => v.id === shared.id)!.canEdit,
    ).toBe(true);
  });

  // owner / other / admin × private / shared: [GET, PATCH, DELETE] statuses.
  it.each([
    ['owner', false, [200, 200, 200]],
    ['owner', true, [200, 200, 200]],
    ['other', false, [404, 404, 404]],
    ['other', true, [200, 403, 403]],
    ['admin', false, [404, 404, 404]],
    ['admin', true, [200, 200, 200]],
  ] as const)('%s on a view shared=%s gets GET/PATCH/DELETE %j', async (who, shared, expected) => {
    const view = await create('owner', `Matrix ${who} ${shared}`, shared);
    const got = await call(who, 'GET', `/api/views/${view.id}`);
    const patched = await call(who, 'PATCH', `/api/views/${view.id}`, { name: 'Renamed' });
    const deleted = await call(who, 'DELETE', `/api/views/${view.id}`);
    expect([got.status, patched.status, deleted.status]).toEqual(expected);
    const after = await call('owner', 'GET', `/api/views/${view.id}`);
    if (expected[2] === 200) expect(after.status).toBe(404);
    else expect(after.body).toMatchObject({ name: view.name });
  });

  it('refuses a search that is not an accounts table search, and an empty name', async () => {
    const bad = await call('owner', 'POST', '/api/views', { name: 'Bad', search: { pageSize: 100000 } });
    expect(bad.status).toBe(400);
    const unnamed = await call('owner', 'POST', '/api/views', { name: ' ', search: {} });
    expect(unnamed.status).toBe(400);
  });

  it('audits creating, changing and deleting a view', async () => {
    const view = await create('owner', 'Audited view', true);
    await call('owner', 'PATCH', `/api/views/${view.id}`, { shared: false });
    await call('owner', 'DELETE', `/api/views/${view.id}`);
    const audit = (await (
      await t.api(`/api/audit?pageSize=500`, { cookie: cookie.admin })
    ).json()) as AuditPage;
    const rows = audit.items.filter(
      (e) => e.targetId === view.id || (e.action === 'view.created' && e.summary.viewId === view.id),
    );
    expect(rows.map((e) => [e.action, e.outcome]).sort()).toEqual([
      ['view.created', 'success'],
      ['view.deleted', 'success'],
      ['view.updated', 'success'],
    ]);
  });
});
