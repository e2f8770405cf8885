import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  IncidentListQuerySchema,
  NO_REASON,
  UNASSIGNED,
  type IncidentListQuery,
  type IncidentListResponse,
} from '../../../shared/schemas/incident.ts';
import { startTestConsole, TEST_DATABASES, type TestConsole } from '../../support/console.ts';
import { clearIncidentRows, insertIncidents, type IncidentRowInput } from '../../support/incident-rows.ts';

const HOUR = 3600_000;
const STATES = ['open', 'acknowledged', 'waiting_on_customer', 'resolved'] as const;
const PROVIDERS = ['hubspot', 'salesforce', 'gmail'];
const REASONS = ['token_expired', 'invalid_credentials', null];
const OWNERS = [
  { id: 'cust_acme', name: 'Acme Corp' },
  { id: 'cust_globex', name: 'Globex' },
  { id: 'cust_initech', name: 'Initech 100% Ltd' },
];

type Row = Required<Omit<IncidentRowInput, 'resolvedAt'>> & { resolvedAt: Date | null };

/** A deterministic mix of every facet value, with resolved incidents among them. */
function rows(assignee: string): Row[] {
  const start = Date.parse('2026-01-01T00:00:00Z');
  return Array.from({ length: 60 }, (_, n) => {
    const state = STATES[n % 4]!;
    const owner = OWNERS[n % 3]!;
    const openedAt = new Date(start + ((n * 37) % 60) * HOUR);
    return {
      accountId: `acc_${String(n).padStart(3, '0')}`,
      provider: PROVIDERS[n % 3 === 0 ? 0 : (n % 5) % 3]!,
      kind: n % 7 === 0 ? 'inactive' : 'error',
      state,
      reasonCode: REASONS[n % 3 === 1 ? 2 : n % 2]!,
      openedAt,
      lastSeenAt: new Date(openedAt.getTime() + ((n * 13) % 50) * HOUR),
      resolvedAt: state === 'resolved' ? new Date(openedAt.getTime() + 100 * HOUR) : null,
      originOwnerId: owner.id,
      originOwnerName: owner.name,
      label: n % 4 === 1 ? `Label ${n}` : null,
      assigneeId: n % 5 === 0 ? assignee : null,
    };
  });
}

/** What the queue should answer, computed from the rows as the API documents it. */
function expected(all: Row[], query: IncidentListQuery, me: string) {
  const q = query.q?.toLowerCase();
  const base = all.filter(
    (r) =>
      (!q ||
        [r.accountId, r.originOwnerId, r.originOwnerName, r.label ?? ''].some((f) =>
          f.toLowerCase().includes(q),
        )) &&
      (!query.ownerId || r.originOwnerId === query.ownerId),
  );
  const who = query.assignee === 'me' ? me : query.assignee;
  const key = {
    state: (r: Row) => r.state,
    kind: (r: Row) => r.kind,
    provider: (r: Row) => r.provider,
    reason: (r: Row) => r.reasonCode ?? NO_REASON,
    assignee: (r: Row) => r.assigneeId ?? UNASSIGNED,
  };
  const pass = {
    state: (r: Row) => (query.state.length ? query.state.includes(r.state) : r.state !== 'resolved'),
    kind: (r: Row) => !query.kind.length || query.kind.includes(r.kind),
    provider: (r: Row) => !query.provider.length || query.provider.includes(r.provider),
    reason: (r: Row) => !query.reason.length || query.reason.includes(key.reason(r)),
    assignee: (r: Row) => who === undefined || key.assignee(r) === who,
  };
  const facetNames = Object.keys(pass) as (keyof typeof pass)[];
  const facets = Object.fromEntries(
    facetNames.map((f) => {
      const counts: Record<string, number> = {};
      for (const r of base)
        if (facetNames.every((g) => g === f || pass[g](r))) counts[key[f](r)] = (counts[key[f](r)] ?? 0) + 1;
      return [f, counts];
    }),
  );
  const matching = base.filter((r) => facetNames.every((f) => pass[f](r)));
  return { total: matching.length, facets, accountIds: matching.map((r) => r.accountId).sort() };
}

describe.each(TEST_DATABASES)('GET /api/incidents filters, facets and sorts, on $name', ({ kind }) => {
  let t: TestConsole;
  let me: string;
  let all: Row[];

  beforeAll(async () => {
    t = await startTestConsole({
      database: kind,
      autoSync: false,
      sandbox: { accounts: 1, webhookUrls: [] },
    });
    const body = (await (await t.api('/api/me')).json()) as { user: { id: string } };
    me = body.user.id;
    const db = t.console.deps.database.db;
    await clearIncidentRows(db);
    all = rows(me);
    await insertIncidents(db, all);
  });
  afterAll(async () => {
    await t?.close();
  });

  const list = async (params: Record<string, string | string[]>) => {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) for (const x of [v].flat()) search.append(k, x);
    const res = await t.api(`/api/incidents?${search}`);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as IncidentListResponse;
  };

  const cases: Record<string, string | string[]>[] = [
    {},
    { state: 'resolved' },
    { state: ['open', 'resolved'] },
    { provider: 'hubspot' },
    { provider: 'hubspot', reason: 'token_expired' },
    { assignee: 'none', reason: NO_REASON },
    { assignee: 'me', kind: 'error', provider: ['gmail', 'salesforce'] },
    {
      state: 'acknowledged',
      kind: 'inactive',
      provider: 'hubspot',
      reason: 'token_expired',
      assignee: 'none',
    },
    { q: 'ACME' },
    { q: '100%' },
    { q: 'label 1', state: ['open', 'acknowledged', 'waiting_on_customer', 'resolved'] },
    { ownerId: 'cust_globex' },
    { ownerId: 'cust_globex', state: 'resolved', provider: 'hubspot' },
  ];
  it.each(cases)('answers the total, the facets and the rows of %o', async (params) => {
    const query = IncidentListQuerySchema.parse({ ...params, pageSize: 200 });
    const body = await list({ ...params, pageSize: '200' });
    const want = expected(all, query, me);
    expect(body.total).toBe(want.total);
    expect(body.facets).toEqual(want.facets);
    expect(body.items.map((i) => i.accountId).sort()).toEqual(want.accountIds);
  });

  it("lists one customer's incidents with ownerId, and no other customer's", async () => {
    const body = await list({ ownerId: 'cust_acme' });
    expect(body.total).toBe(all.filter((r) => r.originOwnerId === 'cust_acme' && !r.resolvedAt).length);
    expect(body.total).toBeGreaterThan(0);
    expect(new Set(body.items.map((i) => i.originOwnerId))).toEqual(new Set(['cust_acme']));
    expect((await list({ ownerId: 'cust_nobody' })).total).toBe(0);
  });

  it.each([
    ['lastSeenAt', 'desc'],
    ['lastSeenAt', 'asc'],
    ['openedAt', 'asc'],
    ['owner', 'desc'],
    ['reason', 'asc'],
  ] as const)('pages through the queue sorted by %s %s in a stable order', async (sort, order) => {
    const pages = await Promise.all(
      [1, 2, 3, 4].map((page) => list({ sort, order, page: String(page), pageSize: '13' })),
    );
    const ids = pages.flatMap((p) => p.items.map((i) => i.id));
    const whole = (await list({ sort, order, pageSize: '200' })).items;
    expect(ids).toEqual(whole.map((i) => i.id));
    const value = (i: (typeof whole)[number]) =>
      ({
        lastSeenAt: i.lastSeenAt,
        openedAt: i.openedAt,
        owner: i.originOwnerName.toLowerCase(),
        reason: i.reasonCode ?? '\uffff',
      })[sort];
    const values = whole.map(value);
    const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(values).toEqual(order === 'asc' ? sorted : sorted.reverse());
  });
});
