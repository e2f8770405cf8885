/**
 * The console as a proxy: `GET /api/accounts/:id` through the console against `GET /accounts/{id}`
 * straight to the sandbox, 50 concurrent connections (autocannon), a few seconds each, spread over
 * many ids. The sandbox and the console run in processes of their own. Measured twice: with the
 * sandbox answering at once (the console's own cost laid bare) and with 50 ms added to every
 * sandbox answer (about a network round trip to StackOne).
 * Run: npx tsx bench/proxy-overhead.ts — prints figures, asserts nothing. The console uses a PGlite
 * folder, or Postgres with BENCH_DATABASE_URL=postgres://… (a fresh database is created on it).
 */
import autocannon from 'autocannon';
import type { AccountListResponse } from '../shared/schemas/account-filters.ts';
import { basicAuth, startChildStack } from './support/console-stack.ts';

const ACCOUNTS = 2_000;
const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

interface Run {
  p50: number;
  p99: number;
  rps: number;
  non2xx: number;
  errors: number;
}

async function load(
  url: string,
  headers: Record<string, string>,
  paths: string[],
  seconds = SECONDS,
): Promise<Run> {
  let i = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    headers,
    requests: [
      {
        method: 'GET',
        setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length]! }),
      },
    ],
  });
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    rps: result.requests.average,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

const line = (label: string, r: Run) =>
  console.log(
    `${label.padEnd(44)} p50 ${String(r.p50).padStart(5)} ms  p99 ${String(r.p99).padStart(5)} ms  ` +
      `${r.rps.toFixed(0).padStart(6)} req/s  non-2xx ${r.non2xx}  errors ${r.errors}`,
  );

const stack = await startChildStack(ACCOUNTS);
try {
  // The console syncs at start; wait for it so that its writes do not overlap the measurements.
  for (;;) {
    const res = await fetch(`${stack.consoleUrl}/api/accounts?pageSize=1`, {
      headers: { cookie: stack.cookie },
    });
    const body = (await res.json()) as AccountListResponse;
    if (body.sync.state === 'idle' && body.sync.finishedAt) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const res = await fetch(`${stack.sandboxUrl}/accounts?page=${page}&page_size=100`, {
      headers: { authorization: basicAuth() },
    });
    const items = (await res.json()) as { id: string }[];
    ids.push(...items.map((a) => a.id));
    if (items.length < 100) break;
  }
  const database = process.env.BENCH_DATABASE_URL ? 'Postgres' : 'PGlite';
  console.log(
    `${ids.length} accounts, console on ${database}, ${CONNECTIONS} connections, ${SECONDS} s per run\n`,
  );

  const direct = {
    url: stack.sandboxUrl,
    headers: { authorization: basicAuth() },
    paths: ids.map((id) => `/accounts/${id}`),
  };
  const proxied = {
    url: stack.consoleUrl,
    headers: { cookie: stack.cookie },
    paths: ids.map((id) => `/api/accounts/${id}`),
  };

  const scenario = async (title: string) => {
    console.log(title);
    await load(direct.url, direct.headers, direct.paths, 1);
    await load(proxied.url, proxied.headers, proxied.paths, 1);
    // Alternated, so that drift in the machine's load hits both sides alike.
    const sandboxRuns: Run[] = [];
    const consoleRuns: Run[] = [];
    for (let round = 1; round <= 2; round++) {
      sandboxRuns.push(await load(direct.url, direct.headers, direct.paths));
      line(`  sandbox GET /accounts/{id} (round ${round})`, sandboxRuns.at(-1)!);
      consoleRuns.push(await load(proxied.url, proxied.headers, proxied.paths));
      line(`  console GET /api/accounts/:id (round ${round})`, consoleRuns.at(-1)!);
    }
    const mean = (runs: Run[], key: 'p50' | 'rps') => runs.reduce((s, r) => s + r[key], 0) / runs.length;
    const latency = mean(consoleRuns, 'p50') / Math.max(1, mean(sandboxRuns, 'p50'));
    const throughput = mean(consoleRuns, 'rps') / mean(sandboxRuns, 'rps');
    console.log(
      `  ratios: p50 latency ${latency.toFixed(2)} (goal ≤ 1.5), throughput ${throughput.toFixed(2)} (goal ≥ 0.6)\n`,
    );
  };

  await scenario('sandbox answering at once:');

  // Where the console's time goes: a signed-in /api request reads its session at most every few seconds (actor cache).
  console.log('the floor of any /api request (no StackOne call):');
  line('  console GET /api/health, anonymous', await load(stack.consoleUrl, {}, ['/api/health']));
  line(
    '  console GET /api/health, signed in',
    await load(stack.consoleUrl, { cookie: stack.cookie }, ['/api/health']),
  );
  console.log('');

  const fault = await fetch(`${stack.sandboxUrl}/_sandbox/faults`, {
    method: 'POST',
    headers: { authorization: basicAuth(), 'content-type': 'application/json' },
    body: JSON.stringify({ latencyMs: 50 }),
  });
  if (fault.status !== 201) throw new Error(`could not add latency: ${fault.status}`);
  await scenario('sandbox answering after 50 ms (a network round trip):');
} finally {
  await stack.close();
}
