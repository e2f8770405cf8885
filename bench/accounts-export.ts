/**
 * Exporting 100,000 accounts as CSV: `GET /api/accounts/csv` (streamed, keyset pages of 1,000)
 * against the same export built in memory (every row read in one query, the whole file as one
 * string), both in this run on the same index. Figures: time, and the peak RSS and heap of the
 * server process above what it held before (the console runs in this process, so its memory is
 * this process's). Run: npm run bench:accounts-export (BENCH_ACCOUNTS=20000 for a shorter run) —
 * prints figures, asserts nothing.
 */
import { desc, isNull } from 'drizzle-orm';
import { accountsCsvHeader, accountsCsvLines } from '../server/accounts-index/export-accounts.ts';
import { accounts } from '../server/db/schema.ts';
import { startInProcessStack } from './support/console-stack.ts';

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 100_000);
const MB = 1024 * 1024;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) console.warn('run with --expose-gc (npm run bench:accounts-export) for a clean baseline');

/** Runs `fn` while sampling memory every 10 ms: its time and the peak RSS and heap above the start. */
async function measure<T>(fn: () => Promise<T>) {
  gc?.();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const timer = setInterval(sample, 10);
  const started = performance.now();
  try {
    const value = await fn();
    sample();
    return {
      value,
      ms: performance.now() - started,
      rssMb: (peakRss - base.rss) / MB,
      heapMb: (peakHeap - base.heapUsed) / MB,
    };
  } finally {
    clearInterval(timer);
  }
}

const stack = await startInProcessStack(ACCOUNTS);
try {
  const sync = await stack.console.deps.sync.runFull();
  console.log(`index: ${sync.seen} accounts synced from the sandbox`);
  const db = stack.console.deps.database.db;

  // Streamed over HTTP; the client counts lines and keeps nothing.
  const streamed = await measure(async () => {
    const res = await fetch(`${stack.console.url}/api/accounts/csv`, { headers: { cookie: stack.cookie } });
    if (res.status !== 200) throw new Error(`export answered ${res.status}`);
    let lines = 0;
    let bytes = 0;
    // Line ends are CRLF; a chunk may end between the CR and the LF, so the LF bytes are counted.
    for await (const chunk of res.body!) {
      bytes += chunk.byteLength;
      for (const byte of chunk) if (byte === 0x0a) lines++;
    }
    return { rows: lines - 1, bytes };
  });

  // The same rows, filter and order (the list's default: newest first), held in memory at once.
  const inMemory = await measure(async () => {
    const rows = await db
      .select()
      .from(accounts)
      .where(isNull(accounts.deletedAt))
      .orderBy(desc(accounts.updatedAt), desc(accounts.id));
    const csv = accountsCsvHeader() + accountsCsvLines(rows);
    return { rows: rows.length, bytes: Buffer.byteLength(csv) };
  });

  const line = (label: string, r: typeof streamed) =>
    console.log(
      `${label.padEnd(22)} ${r.value.rows} rows, ${(r.value.bytes / MB).toFixed(1)} MB in ${(r.ms / 1000).toFixed(2)} s;` +
        ` peak +${r.rssMb.toFixed(0)} MB RSS, +${r.heapMb.toFixed(0)} MB heap`,
    );
  console.log('');
  line('streamed (HTTP)', streamed);
  line('built in memory', inMemory);
  console.log(
    `\nratio (in memory / streamed): heap ${(inMemory.heapMb / Math.max(1, streamed.heapMb)).toFixed(1)}×, ` +
      `RSS ${(inMemory.rssMb / Math.max(1, streamed.rssMb)).toFixed(1)}×, time ${(inMemory.ms / streamed.ms).toFixed(2)}×`,
  );
  if (streamed.value.rows !== inMemory.value.rows)
    console.warn(`row counts differ: streamed ${streamed.value.rows}, in memory ${inMemory.value.rows}`);
} finally {
  await stack.close();
}
