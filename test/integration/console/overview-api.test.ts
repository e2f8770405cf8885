import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PAGE_SIZE_MAX } from '../../../shared/schemas/account-filters.ts';
import { OverviewSchema, type Overview } from '../../../shared/schemas/overview.ts';
import type { Account } from '../../../shared/schemas/account.ts';
import { startTestConsole, TEST_DATABASES, type TestConsole } from '../../support/console.ts';
import { clearIncidentRows, insertIncidents, insertStatusHistory } from '../../support/incident-rows.ts';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** Noon (UTC) `daysAgo` days before today, whatever the time of the run. */
const noonDaysAgo = (daysAgo: number) => {
  const d = new Date();
  d.setUTCHours(12, 0, 0, 0);
  d.setUTCDate(d.getUTCDate() - daysAgo);
  return d;
};
const dayKey = (daysAgo: number) => noonDaysAgo(daysAgo).toISOString().slice(0, 10);

describe.each(TEST_DATABASES)('GET /api/overview, on $name', ({ kind }) => {
  let t: TestConsole;

  beforeAll(async () => {
    t = await startTestConsole({
      database: kind,
      autoSync: false,
      sandbox: { accounts: 120, webhookUrls: [] },
    });
    await t.console.deps.sync.runFull();
  });
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(async () => {
    await clearIncidentRows(t.console.deps.database.db);
  });

  const overview = async (): Promise<Overview> => {
    const res = await t.client.overview.$get();
    expect(res.status).toBe(200);
    return OverviewSchema.parse(await res.json());
  };
  const accountsList = async (query: Record<string, string>) => {
    const res = await t.api(`/api/accounts?${new URLSearchParams(query)}`);
    expect(res.status).toBe(200);
    return (await res.json()) as {
      total: number;
      items: Account[];
      facets: Record<string, Record<string, number>>;
    };
  };

  it('counts accounts by status and provider exactly as the accounts list facets do', async () => {
    const [o, all] = await Promise.all([overview(), accountsList({ pageSize: '1' })]);
    expect(all.total).toBeGreaterThan(0);
    expect(o.byStatus.total).toBe(all.total);
    for (const status of ['active', 'error', 'inactive'] as const)
      expect(o.byStatus[status], status).toBe(all.facets.status![status] ?? 0);
    expect(o.byStatus.error).toBeGreaterThan(0);

    expect(Object.fromEntries(o.byProvider.map((p) => [p.provider, p.total]))).toEqual(all.facets.provider);
    for (const p of o.byProvider) {
      const errors = await accountsList({ provider: p.provider, status: 'error', pageSize: '1' });
      expect(p.error, `${p.provider} error`).toBe(errors.total);
      expect(p.active + p.error + p.inactive + p.other).toBe(p.total);
    }
    expect(o.byProvider.some((p) => p.providerName)).toBe(true);
  });

  it('ranks the first reason codes of the accounts in error, as paging the list finds them', async () => {
    const counts = new Map<string | null, number>();
    for (let page = 1; ; page++) {
      const res = await accountsList({
        status: 'error',
        pageSize: String(PAGE_SIZE_MAX),
        page: String(page),
      });
      for (const a of res.items) {
        const code = a.statusReasons[0]?.code ?? null;
        counts.set(code, (counts.get(code) ?? 0) + 1);
      }
      if (page * PAGE_SIZE_MAX >= res.total) break;
    }
    const o = await overview();
    expect(new Map(o.topReasons.map((r) => [r.code, r.count]))).toEqual(counts);
    expect(o.topReasons.reduce((s, r) => s + r.count, 0)).toBe(o.byStatus.error);
    const sorted = [...o.topReasons].sort((a, b) => b.count - a.count);
    expect(o.topReasons.map((r) => r.count)).toEqual(sorted.map((r) => r.count));
  });

  it('counts unresolved incidents by age and kind, and the mean time to repair of the last 30 days', async () => {
    const now = Date.now();
    const at = (msAgo: number) => new Date(now - msAgo);
    await insertIncidents(t.console.deps.database.db, [
      { accountId: 'a1', provider: 'hibob', openedAt: at(10 * 60_000) },
      { accountId: 'a2', provider: 'hibob', openedAt: at(3 * HOUR), state: 'acknowledged' },
      { accountId: 'a3', provider: 'workday', openedAt: at(2 * DAY), state: 'waiting_on_customer' },
      { accountId: 'a4', provider: 'workday', openedAt: at(20 * DAY), kind: 'inactive' },
      // Resolved in the last 30 days: 1 h and 3 h to repair.
      { accountId: 'a5', provider: 'hibob', openedAt: at(5 * DAY + HOUR), resolvedAt: at(5 * DAY) },
      { accountId: 'a6', provider: 'hibob', openedAt: at(10 * DAY + 3 * HOUR), resolvedAt: at(10 * DAY) },
      // Resolved before the window: not in the mean.
      { accountId: 'a7', provider: 'hibob', openedAt: at(50 * DAY), resolvedAt: at(40 * DAY) },
      // Either side of the window's start, on the day it starts in: 2 h in, 8 h out.
      { accountId: 'a8', provider: 'hibob', openedAt: at(30 * DAY + HOUR), resolvedAt: at(30 * DAY - HOUR) },
      {
        accountId: 'a9',
        provider: 'hibob',
        openedAt: at(30 * DAY + 10 * HOUR),
        resolvedAt: at(30 * DAY + 2 * HOUR),
      },
    ]);
    const o = await overview();
    expect(o.openIncidents).toEqual({
      total: 4,
      byKind: { error: 3, inactive: 1 },
      byAge: { underHour: 1, underDay: 1, underWeek: 1, older: 1 },
    });
    expect(o.mttrSeconds).toBe(2 * 3600);
    expect(o.resolvedLast30Days).toBe(3);
  });

  it('answers no mean time to repair when nothing was resolved in the last 30 days', async () => {
    const o = await overview();
    expect(o.mttrSeconds).toBeNull();
    expect(o.resolvedLast30Days).toBe(0);
    expect(o.openIncidents.total).toBe(0);
  });

  it('works the accounts in error per day back from the status history, today being the current count', async () => {
    const db = t.console.deps.database.db;
    await insertStatusHistory(db, [
      { accountId: 'h1', from: 'active', to: 'error', at: noonDaysAgo(2) },
      { accountId: 'h2', from: null, to: 'error', at: new Date(noonDaysAgo(2).getTime() + HOUR) },
      { accountId: 'h3', from: 'error', to: 'active', at: noonDaysAgo(5) },
      { accountId: 'h4', from: 'error', to: 'error', at: noonDaysAgo(5) },
      { accountId: 'h5', from: 'error', to: 'deleted', at: noonDaysAgo(1) },
      { accountId: 'h6', from: 'active', to: 'inactive', at: noonDaysAgo(3) },
      { accountId: 'h7', from: 'active', to: 'error', at: noonDaysAgo(40) },
      { accountId: 'h8', from: 'inactive', to: 'error', at: new Date() },
    ]);
    const o = await overview();
    const e = o.byStatus.error;
    expect(o.brokenPerDay).toHaveLength(30);
    expect(o.brokenPerDay.at(-1)).toEqual({ day: dayKey(0), count: e });
    const expected = new Map<string, number>([
      [dayKey(0), e],
      [dayKey(1), e - 1],
      [dayKey(2), e],
      [dayKey(3), e - 2],
      [dayKey(4), e - 2],
      [dayKey(5), e - 2],
    ]);
    for (let d = 6; d < 30; d++) expected.set(dayKey(d), e - 1);
    expect(new Map(o.brokenPerDay.map((p) => [p.day, p.count]))).toEqual(expected);
    expect(o.brokenPerDay.map((p) => p.day)).toEqual([...expected.keys()].reverse());
  });
});
