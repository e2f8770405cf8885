/**
 * `GET /accounts` on a sandbox seeded with 100,000 accounts, over real HTTP.
 * Run: npx tsx bench/sandbox-accounts.ts — prints figures, asserts nothing.
 */
import { startSandbox } from '../server/sandbox/start-sandbox.ts';

const ACCOUNTS = 100_000;
const REQUESTS = 200;
const PAGE_SIZE = 100;
const API_KEY = 'v1.bench.sandbox-accounts';
const auth = `Basic ${Buffer.from(`${API_KEY}:`).toString('base64')}`;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function measure(label: string, base: string, paths: string[]) {
  // Warm-up: JIT and keep-alive sockets.
  for (const path of paths.slice(0, 20))
    await (await fetch(base + path, { headers: { authorization: auth } })).text();
  const times: number[] = [];
  let rows = 0;
  for (const path of paths) {
    const t0 = performance.now();
    const response = await fetch(base + path, { headers: { authorization: auth } });
    const body = (await response.json()) as unknown[] | { data: unknown[] };
    times.push(performance.now() - t0);
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    rows += Array.isArray(body) ? body.length : body.data.length;
  }
  times.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(58)} median ${percentile(times, 50).toFixed(2).padStart(7)} ms   p95 ${percentile(
      times,
      95,
    )
      .toFixed(2)
      .padStart(7)} ms   (${paths.length} requests, ${rows} rows)`,
  );
}

// CPU time as well as wall time: on a shared machine the wall time of the seed says little.
const cpu0 = process.cpuUsage();
const sandbox = await startSandbox({
  port: 0,
  apiKey: API_KEY,
  accounts: ACCOUNTS,
  seed: 42,
  rateLimitPerMinute: 1_000_000,
});
try {
  const store = sandbox.context.store;
  const startCpu = process.cpuUsage(cpu0);
  console.log(
    `seeded ${store.listAccounts().length} accounts in ${sandbox.seedMs.toFixed(0)} ms (whole start: ${((startCpu.user + startCpu.system) / 1000).toFixed(0)} ms CPU)`,
  );
  // The seed's request logs are built on first use: the first log request pays for them.
  const t0 = performance.now();
  const first = await fetch(`${sandbox.url}/requests/logs?page_size=1`, { headers: { authorization: auth } });
  await first.text();
  console.log(
    `first GET /requests/logs (builds the seeded logs) ${(performance.now() - t0).toFixed(0)} ms: ${store.logs.length} request logs`,
  );

  const lastPage = Math.ceil(ACCOUNTS / PAGE_SIZE);
  const spread = (pages: number) =>
    Array.from({ length: REQUESTS }, (_, i) => 1 + Math.floor((i * (pages - 1)) / (REQUESTS - 1)));
  await measure(
    `GET /accounts?page_size=${PAGE_SIZE} (pages 1..${lastPage})`,
    sandbox.url,
    spread(lastPage).map((page) => `/accounts?page_size=${PAGE_SIZE}&page=${page}`),
  );

  const filtered = store.listAccounts().filter((a) => a.status === 'error' && a.provider === 'hibob').length;
  const filteredPages = Math.max(1, Math.ceil(filtered / PAGE_SIZE));
  await measure(
    `GET /accounts?status=error&providers=hibob (${filtered} match)`,
    sandbox.url,
    spread(filteredPages).map(
      (page) => `/accounts?status=error&providers=hibob&page_size=${PAGE_SIZE}&page=${page}`,
    ),
  );

  await measure(
    `GET /requests/logs?page_size=${PAGE_SIZE} (first page)`,
    sandbox.url,
    Array.from({ length: 50 }, () => `/requests/logs?page_size=${PAGE_SIZE}`),
  );
  await measure(
    `GET /requests/logs?success=false&order_by=duration`,
    sandbox.url,
    Array.from({ length: 50 }, () => `/requests/logs?success=false&order_by=duration&page_size=${PAGE_SIZE}`),
  );
} finally {
  await sandbox.close();
}
