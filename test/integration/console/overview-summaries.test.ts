import { readdirSync, readFileSync } from 'node:fs';
import { sql, type SQL } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../server/db/client.ts';
import { freshDatabase, TEST_DATABASES } from '../../support/console.ts';

/**
 * The overview's trigger-kept summaries (migration overview_summaries) against the aggregates they
 * stand for, computed from the tables themselves, after random statements of every kind (multi-row
 * inserts, upserts that insert and update at once, updates, deletes, truncates), and the migration's
 * backfill against the same aggregates.
 */
const SUMMARIES = {
  reasons: {
    kept: sql`select status, code, n::int as n from account_reason_counts where n <> 0
      order by status, code nulls first`,
    counted: sql`select status, status_reasons->0->>'code' as code, count(*)::int as n from accounts
      where deleted_at is null group by 1, 2 order by 1, 2 nulls first`,
  },
  moves: {
    kept: sql`select day::text, net::int as net from account_error_moves where net <> 0 order by day`,
    counted: sql`select * from (select (observed_at at time zone 'UTC')::date::text as day,
        sum(case when to_status = 'error' then 1 else -1 end)::int as net
      from account_status_history where (to_status = 'error') <> (from_status is not distinct from 'error')
      group by 1) m where net <> 0 order by day`,
  },
  open: {
    kept: sql`select kind, n::int as n from incident_open_counts where n <> 0 order by kind`,
    counted: sql`select kind, count(*)::int as n from incidents where state <> 'resolved' group by kind order by kind`,
  },
  resolved: {
    kept: sql`select day::text, n::int as n, repair_micros::text as micros from incident_resolved_days
      where n <> 0 order by day`,
    counted: sql`select (resolved_at at time zone 'UTC')::date::text as day, count(*)::int as n,
        sum(extract(epoch from resolved_at - opened_at) * 1000000)::text as micros
      from incidents where resolved_at is not null group by 1 order by 1`,
  },
};

const ID = fc.integer({ min: 0, max: 7 });
const STATUS = fc.constantFrom('active', 'error', 'inactive');
const CODE = fc.constantFrom('expired', 'revoked', null);
const DAY = fc.integer({ min: 0, max: 3 }).map((d) => `2026-11-2${d}T23:30:00Z`);
const ACCOUNT = fc.record({ id: ID, status: STATUS, code: CODE, deleted: fc.boolean() });

const OP = fc.oneof(
  fc.record({ op: fc.constant('upsertAccounts' as const), rows: fc.array(ACCOUNT, { maxLength: 5 }) }),
  fc.record({ op: fc.constant('setStatus' as const), ids: fc.array(ID, { maxLength: 4 }), status: STATUS }),
  fc.record({ op: fc.constant('deleteAccounts' as const), ids: fc.array(ID, { maxLength: 3 }) }),
  fc.record({
    op: fc.constant('history' as const),
    rows: fc.array(fc.record({ from: fc.option(STATUS, { nil: null }), to: STATUS, day: DAY }), {
      maxLength: 5,
    }),
  }),
  fc.record({
    op: fc.constant('openIncidents' as const),
    rows: fc.array(fc.record({ id: ID, kind: fc.constantFrom('error', 'inactive'), day: DAY }), {
      maxLength: 4,
    }),
  }),
  fc.record({
    op: fc.constant('resolveIncidents' as const),
    ids: fc.array(ID, { maxLength: 4 }),
    day: DAY,
  }),
  fc.record({ op: fc.constant('touchIncidents' as const), ids: fc.array(ID, { maxLength: 4 }) }),
  fc.record({ op: fc.constant('deleteIncidents' as const), ids: fc.array(ID, { maxLength: 3 }) }),
  fc.record({
    op: fc.constant('truncate' as const),
    table: fc.constantFrom('accounts', 'account_status_history', 'incidents'),
  }),
);
type Op = typeof OP extends fc.Arbitrary<infer T> ? T : never;

const ids = (list: number[], prefix: string) =>
  sql.join(
    [...new Set(list)].map((i) => sql`${`${prefix}${i}`}`),
    sql`, `,
  );

function statement(op: Op): SQL | null {
  switch (op.op) {
    case 'upsertAccounts': {
      const rows = [...new Map(op.rows.map((r) => [r.id, r])).values()];
      if (!rows.length) return null;
      const values = rows.map(
        (r) => sql`(${`acc_${r.id}`}, 'hibob', ${r.status},
          ${JSON.stringify(r.code === null ? [] : [{ code: r.code, description: 'x', timestamp: '2026-11-20T00:00:00Z' }])}::jsonb,
          'cust_1', 'Acme', now(), now(), ${`acc_${r.id}`}, ${r.deleted ? sql`now()` : sql`null`}::timestamptz)`,
      );
      return sql`insert into accounts (id, provider, status, status_reasons, origin_owner_id,
          origin_owner_name, created_at, updated_at, search_text, deleted_at)
        values ${sql.join(values, sql`, `)}
        on conflict (id) do update set status = excluded.status, status_reasons = excluded.status_reasons,
          deleted_at = excluded.deleted_at`;
    }
    case 'setStatus':
      return op.ids.length
        ? sql`update accounts set status = ${op.status} where id in (${ids(op.ids, 'acc_')})`
        : null;
    case 'deleteAccounts':
      return op.ids.length ? sql`delete from accounts where id in (${ids(op.ids, 'acc_')})` : null;
    case 'history': {
      if (!op.rows.length) return null;
      const values = op.rows.map(
        (r, i) =>
          sql`('acc_1', 'hibob', ${r.from}, ${r.to}, ${r.day}::timestamptz + ${i} * interval '1 hour', 'webhook')`,
      );
      return sql`insert into account_status_history (account_id, provider, from_status, to_status, observed_at, source)
        values ${sql.join(values, sql`, `)}`;
    }
    case 'openIncidents': {
      const rows = [...new Map(op.rows.map((r) => [r.id, r])).values()];
      if (!rows.length) return null;
      const values = rows.map(
        (r) => sql`(${`inc_${r.id}_${Math.random().toString(36).slice(2)}`}, ${`acc_${r.id}`}, 'hibob',
          'cust_1', 'Acme', ${r.kind}, 'open', ${r.day}::timestamptz, now())`,
      );
      return sql`insert into incidents (id, account_id, provider, origin_owner_id, origin_owner_name, kind,
          state, opened_at, last_seen_at)
        values ${sql.join(values, sql`, `)} on conflict do nothing`;
    }
    case 'resolveIncidents':
      // Resolving again moves a resolved incident to another day, as a correction would.
      return op.ids.length
        ? sql`update incidents set state = 'resolved', resolution = 'active',
            resolved_at = greatest(opened_at, ${op.day}::timestamptz) + interval '90 minutes 0.25 seconds'
          where account_id in (${ids(op.ids, 'acc_')})`
        : null;
    case 'touchIncidents':
      return op.ids.length
        ? sql`update incidents set last_seen_at = now(), state = case when state = 'open' then 'acknowledged' else state end
          where account_id in (${ids(op.ids, 'acc_')})`
        : null;
    case 'deleteIncidents':
      return op.ids.length ? sql`delete from incidents where account_id in (${ids(op.ids, 'acc_')})` : null;
    case 'truncate':
      return sql`truncate ${sql.identifier(op.table)}`;
  }
}

describe.each(TEST_DATABASES)('overview summaries on $name', ({ kind }) => {
  let database: Database;
  let drop: () => Promise<void>;
  // A deliberate budget: opening and migrating a database takes seconds on a busy machine.
  beforeAll(async () => {
    const fresh = await freshDatabase(kind);
    drop = fresh.drop;
    database = await openDatabase(fresh.config);
  }, 120_000);
  afterAll(async () => {
    await database?.close();
    await drop?.();
  });

  const rows = async (query: SQL) =>
    ((await database.db.execute(query)) as unknown as { rows: unknown[] }).rows;
  const expectExact = async () => {
    for (const [name, { kept, counted }] of Object.entries(SUMMARIES)) {
      expect({ name, rows: await rows(kept) }).toEqual({ name, rows: await rows(counted) });
    }
  };

  it('stay equal to the aggregates they summarise under any sequence of writes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(OP, { minLength: 1, maxLength: 12 }), async (ops) => {
        for (const table of ['accounts', 'account_status_history', 'incidents'])
          await database.db.execute(sql`truncate ${sql.identifier(table)}`);
        for (const op of ops) {
          const query = statement(op);
          if (query) await database.db.execute(query);
        }
        await expectExact();
      }),
      { numRuns: 40 },
    );
  }, 240_000);

  it('are backfilled by the migration from the rows already there', async () => {
    const existing: Op[] = [
      {
        op: 'upsertAccounts',
        rows: [
          { id: 1, status: 'error', code: 'expired', deleted: false },
          { id: 2, status: 'error', code: null, deleted: false },
          { id: 3, status: 'error', code: 'expired', deleted: true },
          { id: 4, status: 'active', code: 'revoked', deleted: false },
        ],
      },
      {
        op: 'history',
        rows: [
          { from: null, to: 'error', day: '2026-11-22T23:30:00Z' },
          { from: 'error', to: 'active', day: '2026-11-23T23:30:00Z' },
          { from: 'active', to: 'inactive', day: '2026-11-23T23:30:00Z' },
        ],
      },
      {
        op: 'openIncidents',
        rows: [
          { id: 1, kind: 'error', day: '2026-11-20T23:30:00Z' },
          { id: 2, kind: 'inactive', day: '2026-11-21T23:30:00Z' },
          { id: 4, kind: 'error', day: '2026-11-21T23:30:00Z' },
        ],
      },
      { op: 'resolveIncidents', ids: [4], day: '2026-11-22T23:30:00Z' },
    ];
    for (const op of existing) await database.db.execute(statement(op)!);
    // Empty the summaries without the triggers, then run the migration's own backfill statements.
    // Found by name: migrations are renumbered when branches merge.
    const folder = new URL('../../../server/db/migrations/', import.meta.url);
    const file = readdirSync(folder).find((f) => f.endsWith('_overview_summaries.sql'))!;
    const migration = readFileSync(new URL(file, folder), 'utf8');
    const backfill = migration
      .split('--> statement-breakpoint')
      .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
      .filter((s) => s.startsWith('INSERT INTO'));
    expect(backfill).toHaveLength(4);
    for (const table of Object.values({
      a: 'account_reason_counts',
      b: 'account_error_moves',
      c: 'incident_open_counts',
      d: 'incident_resolved_days',
    }))
      await database.db.execute(sql`delete from ${sql.identifier(table)}`);
    expect((await rows(sql`select 1 from incident_open_counts`)).length).toBe(0);
    for (const statement of backfill) await database.db.execute(sql.raw(statement));
    await expectExact();
    // Not vacuous: the data behind every summary is there.
    for (const { counted } of Object.values(SUMMARIES))
      expect((await rows(counted)).length).toBeGreaterThan(0);
  }, 120_000);
});
