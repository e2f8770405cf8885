/**
 * Searching 100,000 accounts: `GET /api/accounts?q=…&status=…&provider=…` (the index, with facets,
 * over HTTP) against the baseline without an index: paging through StackOne `GET /accounts`
 * (page_size 100) and filtering in memory. Both are measured in this run, against the sandbox.
 * Run: npx tsx bench/search.ts — prints figures, asserts nothing.
 */
import { sql } from 'drizzle-orm';
import type { AccountListResponse } from '../shared/schemas/account-filters.ts';
import { foldForSearch } from '../server/accounts-index/search-text.ts';
import { createStackOneClient } from '../server/stackone/stackone-client.ts';
import type { UpstreamLinkedAccount } from '../server/stackone/upstream-schemas.ts';
import { startInProcessStack } from './support/console-stack.ts';
import { searchQueries, type SearchQuery } from './support/search-queries.ts';
import { printSummary, summarize, time, type Summary } from './support/stats.ts';

const ACCOUNTS = 100_000;
const QUERIES = 300;
const BASELINE_RUNS = 5;

const stack = await startInProcessStack(ACCOUNTS);
try {
  const all = stack.sandbox.context.store.listAccounts();
  console.log(`sandbox seeded with ${all.length} accounts in ${stack.sandbox.seedMs.toFixed(0)} ms`);

  // The index is filled the way the console fills it: a full sync through the StackOne client.
  const sync = await time(() => stack.console.deps.sync.runFull());
  console.log(
    `console sync: ${sync.value.seen} accounts in ${sync.value.pages} pages, ${(sync.ms / 1000).toFixed(1)} s ` +
      `(${Math.round(sync.value.seen / (sync.ms / 1000))} accounts/s), state ${sync.value.state}`,
  );

  const queries = searchQueries(all, QUERIES);

  const api = async (path: string) => {
    const res = await fetch(`${stack.console.url}${path}`, { headers: { cookie: stack.cookie } });
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as AccountListResponse;
  };
  const consoleRun = async (label: string, paths: string[]) => {
    for (const path of paths.slice(0, 20)) await api(path);
    const times: number[] = [];
    let matches = 0;
    for (const path of paths) {
      const { ms, value } = await time(() => api(path));
      times.push(ms);
      matches += value.total;
    }
    const s = summarize(times);
    printSummary(label, s, `avg ${Math.round(matches / paths.length)} matches`);
    return s;
  };
  const qs = (query: Partial<SearchQuery>) =>
    `/api/accounts?${new URLSearchParams(Object.entries(query).filter(([, v]) => v) as [string, string][])}`;

  console.log('\nconsole (index over HTTP, page of 50 with total and facets):');
  const indexed = await consoleRun('q + status + provider', queries.map(qs));
  await consoleRun(
    'q only',
    queries.map((q) => qs({ q: q.q })),
  );
  await consoleRun(
    'status + provider, no q',
    queries.map((q) => qs({ status: q.status, provider: q.provider })),
  );
  await consoleRun(
    'no filter at all (every row counted)',
    queries.slice(0, 60).map(() => '/api/accounts'),
  );

  // The baseline: what a console without an index must do for the same question.
  const stackOne = createStackOneClient({
    baseUrl: stack.sandbox.url,
    apiKey: stack.sandbox.apiKey,
    timeoutMs: 30_000,
  });
  const filterInMemory = (list: UpstreamLinkedAccount[], query: SearchQuery) => {
    const needle = foldForSearch(query.q);
    const hits = list.filter(
      (a) =>
        a.status === query.status &&
        a.provider === query.provider &&
        [
          a.id,
          a.origin_owner_id,
          a.origin_owner_name,
          a.origin_username,
          a.label,
          a.provider,
          a.provider_name,
        ].some((v) => v && foldForSearch(v).includes(needle)),
    );
    const facets: Record<string, number> = {};
    for (const a of hits) facets[a.status] = (facets[a.status] ?? 0) + 1;
    return hits.length;
  };
  const pageThrough = async (filters: { status?: string[]; providers?: string[] }) => {
    const list: UpstreamLinkedAccount[] = [];
    for (let page = 1; ; page++) {
      const { items } = await stackOne.listAccounts({ page, pageSize: 100, ...filters });
      list.push(...items);
      if (items.length < 100) return list;
    }
  };
  const baselineRun = async (label: string, filtered: boolean): Promise<Summary> => {
    const times: number[] = [];
    for (const query of queries.slice(0, BASELINE_RUNS)) {
      const { ms } = await time(async () =>
        filterInMemory(
          await pageThrough(filtered ? { status: [query.status], providers: [query.provider] } : {}),
          query,
        ),
      );
      times.push(ms);
    }
    const s = summarize(times);
    printSummary(label, s);
    return s;
  };

  console.log('\nbaseline (no index: page through StackOne GET /accounts, filter in memory):');
  const baseline = await baselineRun('every page, all filters in memory', false);
  const upstreamFiltered = await baselineRun('status + providers sent upstream, q in memory', true);

  const ratio = (b: Summary, s: Summary) =>
    `p50 ${(b.p50 / s.p50).toFixed(0)}×, p95 ${(b.p95 / s.p95).toFixed(0)}×`;
  console.log(`\nspeed-up of the index over the baseline:        ${ratio(baseline, indexed)}`);
  console.log(`speed-up over the upstream-filtered baseline:    ${ratio(upstreamFiltered, indexed)}`);
  console.log(`goal: p95 < 50 ms on PGlite (${indexed.p95.toFixed(1)} ms) and > 100× the baseline`);

  if (process.env.BENCH_EXPLAIN) {
    // The two scans of a list request: the facet counts, then the page.
    const q = queries[0]!;
    const pattern = `%${foldForSearch(q.q)}%`;
    const explain = async (label: string, query: ReturnType<typeof sql>) => {
      const plan = (await stack.console.deps.database.db.execute(
        sql`explain analyze ${query}`,
      )) as unknown as {
        rows: Record<string, unknown>[];
      };
      console.log(`\n${label}\n${plan.rows.map((r) => String(Object.values(r)[0])).join('\n')}`);
    };
    await explain(
      `facets of q=${q.q}`,
      sql`select status, provider, type, count(*) from accounts
          where deleted_at is null and search_text like ${pattern}
            and (status = ${q.status} or provider = ${q.provider})
          group by status, provider, type`,
    );
    await explain(
      `page of q=${q.q}&status=${q.status}&provider=${q.provider}`,
      sql`select * from accounts where deleted_at is null and search_text like ${pattern}
          and status = ${q.status} and provider = ${q.provider}
          order by updated_at desc, id desc limit 50`,
    );
    await explain(
      'facets without a filter',
      sql`select status, provider, type, count(*) from accounts where deleted_at is null group by status, provider, type`,
    );
  }
} finally {
  await stack.close();
}
