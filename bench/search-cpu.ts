/**
 * CPU per list query and per synced account, old index code against new, measured alternately in one
 * process on one database so that a busy machine weighs on both alike (wall-clock figures are printed
 * too, but only the CPU is comparable while other work runs). PGlite runs in this process, so its CPU
 * is this process's; on PostgreSQL the server backends' CPU (from /proc) is added.
 * Run: npx tsx bench/search-cpu.ts  (BENCH_ACCOUNTS=100000; BENCH_DATABASE_URL=postgres://… for an
 * EMPTY PostgreSQL database instead of a PGlite folder). Prints figures, asserts nothing but equality
 * of the old and new answers.
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { sql } from 'drizzle-orm';
import { AccountListQuerySchema, type AccountListQuery } from '../shared/schemas/account-filters.ts';
import { listAccounts } from '../server/accounts-index/list-accounts.ts';
import { upsertAccounts } from '../server/accounts-index/upsert-accounts.ts';
import { openDatabase, type Database } from '../server/db/client.ts';
import { startSandbox } from '../server/sandbox/start-sandbox.ts';
import type { UpstreamLinkedAccount } from '../server/stackone/upstream-schemas.ts';
import { legacyListAccounts, legacyUpsertChunk } from './support/legacy-index.ts';
import { searchQueries } from './support/search-queries.ts';
import { summarize } from './support/stats.ts';

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 100_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 200);
const PAGE = 100; // the sync's page size
/** Re-syncs are measured on this many of the accounts (CPU per account is what compares). */
const SYNC_ACCOUNTS = Number(process.env.BENCH_SYNC_ACCOUNTS ?? 20_000);

const sandbox = await startSandbox({ port: 0, apiKey: 'v1.bench.cpu', accounts: ACCOUNTS, seed: 42 });
const all = sandbox.context.store.listAccounts() as unknown as UpstreamLinkedAccount[];
await sandbox.close();

const pgUrl = process.env.BENCH_DATABASE_URL;
/** BENCH_DATA_DIR: a PGlite folder kept between runs (filled on the first). */
const keptDir = process.env.BENCH_DATA_DIR;
const dataDir = pgUrl ? null : (keptDir ?? mkdtempSync(join(tmpdir(), 'switchboard-cpu-')));
const database: Database = await openDatabase(
  pgUrl ? { kind: 'postgres', url: pgUrl } : { kind: 'pglite', dataDir: dataDir! },
);
const { db } = database;

const TICK_MS = 10; // USER_HZ 100
async function backendTicks(): Promise<number> {
  if (!database.pool) return 0;
  const { rows } = (await db.execute(
    sql`select pid from pg_stat_activity where datname = current_database()`,
  )) as unknown as { rows: { pid: number }[] };
  let ticks = 0;
  for (const { pid } of rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      /* ended */
    }
  }
  return ticks;
}
const ownCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
/** CPU ms (this process + database backends) and wall ms of fn. */
async function measure<T>(fn: () => Promise<T>): Promise<{ cpu: number; wall: number; value: T }> {
  const t0 = await backendTicks();
  const c0 = ownCpuMs();
  const w0 = performance.now();
  const value = await fn();
  const wall = performance.now() - w0;
  const c1 = ownCpuMs();
  const t1 = await backendTicks();
  return { cpu: c1 - c0 + (t1 - t0) * TICK_MS, wall, value };
}

const vacuum = () => db.execute(sql`vacuum analyze accounts`);
const pages = (list: UpstreamLinkedAccount[]) =>
  Array.from({ length: Math.ceil(list.length / PAGE) }, (_, i) => list.slice(i * PAGE, (i + 1) * PAGE));

async function newSync(list: UpstreamLinkedAccount[], syncedAt: string) {
  for (const page of pages(list)) await upsertAccounts(db, page, { syncedAt });
}
async function oldSync(list: UpstreamLinkedAccount[], syncedAt: string) {
  // The old code ran without the facet-count triggers.
  await db.execute(sql`alter table accounts disable trigger user`);
  try {
    for (const page of pages(list)) await legacyUpsertChunk(db, page, { syncedAt });
  } finally {
    await db.execute(sql`alter table accounts enable trigger user`);
  }
}
/** How many rows fn gave a new physical version (each leaves a dead row behind until a vacuum). */
async function rewritten(fn: () => Promise<void>): Promise<number> {
  await db.execute(sql`drop table if exists bench_versions`);
  await db.execute(sql`create table bench_versions as select id, ctid::text as v from accounts`);
  await fn();
  const result = (await db.execute(sql`select count(*)::int as n from accounts a
    join bench_versions b using (id) where a.ctid::text <> b.v`)) as unknown as { rows: { n: number }[] };
  await db.execute(sql`drop table bench_versions`);
  return result.rows[0]!.n;
}

try {
  console.log(`${ACCOUNTS} accounts on ${pgUrl ? 'PostgreSQL' : 'PGlite (folder)'}`);
  const indexed = (await db.execute(sql`select count(*)::int as n from accounts`)) as unknown as {
    rows: { n: number }[];
  };
  if (indexed.rows[0]!.n === 0) {
    const first = await measure(() => newSync(all, new Date().toISOString()));
    console.log(
      `first sync writes (new code): ${(first.cpu / 1000).toFixed(1)} s CPU, ${(first.wall / 1000).toFixed(1)} s wall`,
    );
  }
  await vacuum();

  // Re-syncing an unchanged upstream (the common case), and one where 1% of the accounts changed.
  const some = all.slice(0, SYNC_ACCOUNTS);
  const changedOnePercent = some.map((a, i) => (i % 100 === 7 ? { ...a, label: `relabelled ${i}` } : a));
  const resync: Record<string, number[]> = { old: [], new: [], 'old 1%': [], 'new 1%': [] };
  for (
    let round = 0;
    round < (process.env.BENCH_SKIP_SYNC ? 0 : Number(process.env.BENCH_SYNC_ROUNDS ?? 1));
    round++
  ) {
    for (const which of round === 0 ? ['old', 'new'] : ['new', 'old']) {
      const run = which === 'old' ? oldSync : newSync;
      const r = await measure(() => run(some, new Date().toISOString()));
      resync[which]!.push(r.cpu);
      await vacuum();
      const c = await measure(() => run(changedOnePercent, new Date().toISOString()));
      await run(some, new Date().toISOString()); // back to the same table for the next pass
      resync[`${which} 1%`]!.push(c.cpu);
      await vacuum();
    }
  }
  for (const [k, v] of Object.entries(resync))
    console.log(
      `re-sync ${k === 'old' || k === 'new' ? 'unchanged' : 'with 1% changed'} (${k.split(' ')[0]} code): ` +
        `${v.map((x) => (x / 1000).toFixed(2)).join(' / ')} s CPU per ${SYNC_ACCOUNTS}`,
    );

  if (!process.env.BENCH_SKIP_SYNC) {
    const byNew = await rewritten(() => newSync(some, new Date().toISOString()));
    const byOld = await rewritten(() => oldSync(some, new Date().toISOString()));
    console.log(`rows rewritten by an unchanged re-sync of ${SYNC_ACCOUNTS}: new ${byNew}, old ${byOld}`);
    await vacuum();
    // The old passes ran without triggers: rebuild the counts as the migration does.
    await db.execute(sql`delete from account_facet_counts`);
    await db.execute(sql`insert into account_facet_counts (status, provider, type, n)
    select status, provider, type, count(*) from accounts where deleted_at is null group by 1, 2, 3`);
  }

  // The old list code counted facets off this index (dropped by migration 0006): give it back to it.
  await db.execute(sql`create index if not exists accounts_facets_idx on accounts (status, provider, type)
    where deleted_at is null`);
  await vacuum();

  // Queries: the four shapes of bench/search.ts, old and new alternately, answers compared.
  const raw = searchQueries(all, QUERIES);
  const parse = (q: Record<string, string>) => AccountListQuerySchema.parse(q);
  const shapes: [string, AccountListQuery[]][] = [
    ['q + status + provider', raw.map((r) => parse(r))],
    ['q only', raw.map((r) => parse({ q: r.q }))],
    ['status + provider, no q', raw.map((r) => parse({ status: r.status, provider: r.provider }))],
    ['no filter at all', raw.map(() => parse({}))],
    [
      'status + provider, page 20',
      raw.map((r) => parse({ status: r.status, provider: r.provider, page: '20' })),
    ],
  ];
  console.log('\nper query (page of 50 with total and facets):  CPU mean old → new   wall p95 old → new');
  for (const [label, queries] of shapes) {
    for (const q of queries.slice(0, 10)) await Promise.all([listAccounts(db, q), legacyListAccounts(db, q)]);
    const cpu = { old: 0, new: 0 };
    const wall: { old: number[]; new: number[] } = { old: [], new: [] };
    for (const [i, q] of queries.entries()) {
      const order = i % 2 === 0 ? (['old', 'new'] as const) : (['new', 'old'] as const);
      const answers: Record<string, unknown> = {};
      for (const which of order) {
        const r = await measure(() => (which === 'old' ? legacyListAccounts(db, q) : listAccounts(db, q)));
        cpu[which] += r.cpu;
        wall[which].push(r.wall);
        answers[which] = r.value;
      }
      if (!isDeepStrictEqual(answers.old, answers.new))
        throw new Error(`old and new answers differ for ${JSON.stringify(q)}`);
    }
    const n = queries.length;
    console.log(
      `${label.padEnd(28)} ${(cpu.old / n).toFixed(2).padStart(7)} → ${(cpu.new / n).toFixed(2).padStart(6)} ms` +
        `   ${summarize(wall.old).p95.toFixed(1).padStart(6)} → ${summarize(wall.new).p95.toFixed(1).padStart(5)} ms`,
    );
  }
} finally {
  await database.close();
  if (dataDir && !keptDir) rmSync(dataDir, { recursive: true, force: true });
}
