import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { AccountListResponse } from '../../../shared/schemas/account-filters.ts';
import { AccountListQuerySchema } from '../../../shared/schemas/account-filters.ts';
import type { AuditPage } from '../../../shared/schemas/audit.ts';
import { EXPORT_PAGE_SIZE, iterateAccountPages } from '../../../server/accounts-index/export-accounts.ts';
import type { Db } from '../../../server/db/client.ts';
import { accounts } from '../../../server/db/schema.ts';
import { startTestConsole, TEST_DATABASES, type TestConsole } from '../../support/console.ts';

/** RFC 4180 as the export writes it: quoted cells may hold commas, quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (!quoted && ch === ',') {
      endCell();
    } else if (!quoted && ch === '\r' && text[i + 1] === '\n') {
      endCell();
      rows.push(row);
      row = [];
      i++;
    } else {
      cell += ch;
    }
  }
  if (cell || row.length) {
    endCell();
    rows.push(row);
  }
  return rows;
}

/**
 * Makes the export's `nth` page read from now on fail in the database itself: that statement reads
 * the table under another name, so its conditions name a table missing from its FROM and the
 * database refuses it (as it would a statement after a bad migration). Only the export's reads
 * count: the console's background work reads accounts through the same `db` meanwhile.
 */
function failExportPageRead(db: Db, nth: number) {
  const select = db.select.bind(db) as (...args: unknown[]) => { from(table: unknown): unknown };
  let reads = 0;
  return vi.spyOn(db, 'select').mockImplementation(((...args: unknown[]) => {
    const builder = select(...args);
    const isExportRead = new Error().stack?.includes(iterateAccountPages.name) ?? false;
    const from = builder.from.bind(builder);
    builder.from = (table: unknown) =>
      from(
        table === accounts && isExportRead && ++reads === nth
          ? alias(accounts, 'accounts_unreachable')
          : table,
      );
    return builder;
  }) as never);
}

async function exportAudits(t: TestConsole) {
  return ((await (await t.api('/api/audit?action=accounts.exported&pageSize=500')).json()) as AuditPage)
    .items;
}

describe.each(TEST_DATABASES)('GET /api/accounts/csv on $name', ({ kind }) => {
  let t: TestConsole;
  let all: AccountListResponse['items'];

  beforeAll(async () => {
    t = await startTestConsole({
      database: kind,
      autoSync: false,
      sandbox: { accounts: 120, webhookUrls: [] },
    });
    await t.console.deps.sync.runFull();
    all = ((await (await t.api('/api/accounts?pageSize=200')).json()) as AccountListResponse).items;
  });
  afterAll(async () => {
    await t?.close();
  });

  const list = async (query: string) =>
    (await (await t.api(`/api/accounts?${query}&pageSize=200`)).json()) as AccountListResponse;
  const csv = async (query: string) => {
    const res = await t.api(`/api/accounts/csv?${query}`);
    expect(res.status).toBe(200);
    return { res, rows: parseCsv(await res.text()) };
  };

  it.each([
    '',
    'status=error',
    `provider=PROVIDER&sort=owner&order=asc`,
    'q=a&sort=label&order=asc',
    'sort=label&order=desc&status=active,inactive',
    'type=production&sort=createdAt&order=asc',
  ])('has as many rows as /api/accounts counts, in its order (%s)', async (template) => {
    const query = template.replace('PROVIDER', all[0]!.provider);
    const [page, { res, rows }] = await Promise.all([list(query), csv(query)]);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="switchboard-accounts-.*\.csv"$/,
    );
    expect(rows[0]![0]).toBe('Account ID');
    expect(rows.length - 1).toBe(page.total);
    expect(page.total).toBeGreaterThan(0);
    expect(rows.slice(1).map((r) => r[0])).toEqual(page.items.map((a) => a.id));
  });

  it('defuses cells that a spreadsheet would run as formulas', async () => {
    const labels = ['=HYPERLINK("http://evil.test","x")', '+1+1', '-2', '@SUM(A1)', 'plain, "quoted"'];
    const targets = all.slice(0, labels.length);
    for (const [i, account] of targets.entries()) {
      const res = await t.api(`/api/accounts/${account.id}`, {
        method: 'PATCH',
        body: JSON.stringify({ label: labels[i] }),
      });
      expect(res.status).toBe(200);
    }
    const { rows } = await csv('');
    const labelAt = rows[0]!.indexOf('Label');
    for (const [i, account] of targets.entries()) {
      const row = rows.find((r) => r[0] === account.id)!;
      expect(row[labelAt]).toBe(i < 4 ? `'${labels[i]}` : labels[i]);
    }
  });

  it('records one audit row per export, with the filter and the row count', async () => {
    const { rows } = await csv('status=error&sort=owner');
    const audit = (await (
      await t.api('/api/audit?action=accounts.exported&pageSize=500')
    ).json()) as AuditPage;
    const entry = audit.items.find(
      (e) => (e.summary.filter as { sort?: string }).sort === 'owner' && e.summary.rows === rows.length - 1,
    );
    expect(entry).toMatchObject({ outcome: 'success', summary: { filter: { status: ['error'] } } });
  });

  it('is read a page at a time, in the list order for every sort, whatever the page size', async () => {
    const db = t.console.deps.database.db;
    for (const sort of ['updatedAt', 'createdAt', 'owner', 'provider', 'status', 'label'] as const) {
      for (const order of ['asc', 'desc'] as const) {
        const query = AccountListQuerySchema.parse({ sort, order, pageSize: 200 });
        const expected = (await list(`sort=${sort}&order=${order}`)).items.map((a) => a.id);
        const ids: string[] = [];
        for await (const page of iterateAccountPages(db, query, 7)) ids.push(...page.map((r) => r.id));
        expect(ids, `${sort} ${order}`).toEqual(expected);
      }
    }
  });

  it('does not read the next page before it is asked for (nothing is held in memory)', async () => {
    const db = t.console.deps.database.db;
    const pages = iterateAccountPages(db, AccountListQuerySchema.parse({ sort: 'owner', order: 'asc' }), 10);
    const first = await pages.next();
    expect(first.value).toHaveLength(10);
    // Added after the first page was read: an export that had read everything up front would miss it.
    // A name after every other in the database's own collation: the greatest, extended.
    await db.execute(sql`update accounts
      set origin_owner_name = (select max(origin_owner_name) from accounts) || ' zz last customer'
      where id = ${first.value![0]!.id}`);
    const rest: string[] = [];
    for await (const page of pages) rest.push(...page.map((r) => r.originOwnerName));
    expect(rest.at(-1)).toMatch(/ zz last customer$/);
  });

  it('streams the answer: chunked, with no length known up front', async () => {
    const res = await t.api('/api/accounts/csv');
    expect(res.headers.get('content-length')).toBeNull();
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value).startsWith('Account ID,')).toBe(true);
    await reader.cancel();
  });

  it('answers an error body, not a file, and audits the failure when the first page cannot be read', async () => {
    const before = (await exportAudits(t)).length;
    const fault = failExportPageRead(t.console.deps.database.db, 1);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    let res: Response;
    let log: string;
    try {
      res = await t.api('/api/accounts/csv?status=error&sort=provider');
      log = logged.mock.calls.flat().map(String).join('\n');
    } finally {
      fault.mockRestore();
      logged.mockRestore();
    }
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('content-disposition')).toBeNull();
    expect(await res.json()).toEqual({
      error: { code: 'internal', message: expect.stringMatching(/^The export could not read the accounts/) },
    });
    // The statement (and any customer data in its values) goes to the server log, not the audit.
    expect(log).toMatch(/accounts_unreachable/);

    const audits = await exportAudits(t);
    expect(audits.length).toBe(before + 1);
    expect(audits[0]).toMatchObject({
      outcome: 'failure',
      summary: {
        filter: { status: ['error'], sort: 'provider' },
        rows: 0,
        error: 'A database error stopped the export (details in the server log)',
      },
    });
  });

  it('refuses a bad query with 400, before anything is streamed', async () => {
    const res = await t.api('/api/accounts/csv?sort=nope');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/json');
  });
});

describe.each(TEST_DATABASES)('GET /api/accounts/csv failing after its first page on $name', ({ kind }) => {
  let t: TestConsole;

  beforeAll(async () => {
    t = await startTestConsole({
      database: kind,
      autoSync: false,
      sandbox: { accounts: EXPORT_PAGE_SIZE + 10, webhookUrls: [] },
    });
    await t.console.deps.sync.runFull();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('ends the download broken, never as a shorter file that looks complete, and audits it', async () => {
    const total = ((await (await t.api('/api/accounts?pageSize=1')).json()) as AccountListResponse).total;
    expect(total).toBeGreaterThan(EXPORT_PAGE_SIZE);
    const fault = failExportPageRead(t.console.deps.database.db, 2);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const res = await t.api('/api/accounts/csv');
      // The first page was read: the answer had started as a file.
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/csv');
      await expect(res.text()).rejects.toThrow();
      await vi.waitFor(async () => expect((await exportAudits(t)).length).toBe(1));
    } finally {
      fault.mockRestore();
      logged.mockRestore();
    }
    expect((await exportAudits(t))[0]).toMatchObject({
      outcome: 'failure',
      summary: {
        rows: EXPORT_PAGE_SIZE,
        error: 'A database error stopped the export (details in the server log)',
      },
    });

    // And with the database answering again, the same export is whole.
    const again = await t.api('/api/accounts/csv');
    expect(parseCsv(await again.text()).length - 1).toBe(total);
  });
});
