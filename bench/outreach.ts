/**
 * Outreach: what sending links to many customers costs. One section per measurement (run all, or
 * name one: `npx tsx bench/outreach.ts bulk`); sections are entries of SECTIONS below.
 *
 * bulk: a bulk re-link job of 1,000 accounts against the sandbox (in process, PGlite): the time from
 * `POST /api/links/bulk` to the job finished, and the rate of connect sessions it held against
 * StackOne (made per second overall, and the most in any one second, from the ledger's timestamps),
 * next to the pace the worker is set to. The ratio judged: held rate / set pace (≤ 1: it never ran
 * faster than StackOne was promised).
 *
 * Prints figures, asserts nothing.
 */
import { asc, eq } from 'drizzle-orm';
import { linkJobItems, links } from '../server/db/schema.ts';
import { DEFAULT_BULK_WORKER_OPTIONS } from '../server/links/bulk-worker.ts';
import { startTestConsole } from '../test/support/console.ts';

const BULK_ACCOUNTS = 1_000;

async function bulkSection(): Promise<void> {
  const t = await startTestConsole({
    autoSync: false,
    sandbox: { accounts: BULK_ACCOUNTS, webhookUrls: [] },
  });
  try {
    await t.console.deps.sync.runFull();
    const { db } = t.console.deps.database;
    const finished = new Promise<string>((resolve) => {
      t.console.deps.bus.subscribe(({ event }) => {
        if (event.type === 'links.job' && event.state === 'finished') resolve(event.jobId);
      });
    });
    const startedAt = performance.now();
    const res = await t.api('/api/links/bulk', {
      method: 'POST',
      body: JSON.stringify({ filter: {}, expiresIn: 7 * 86_400 }),
    });
    if (res.status !== 202) throw new Error(`bulk job refused: ${res.status} ${await res.text()}`);
    const { jobId, total } = (await res.json()) as { jobId: string; total: number };
    const acceptedMs = performance.now() - startedAt;
    if ((await finished) !== jobId) throw new Error('another job finished');
    const seconds = (performance.now() - startedAt) / 1000;

    const made = await db
      .select({ createdAt: links.createdAt })
      .from(linkJobItems)
      .innerJoin(links, eq(links.id, linkJobItems.linkId))
      .where(eq(linkJobItems.jobId, jobId))
      .orderBy(asc(links.createdAt));
    const times = made.map((m) => Date.parse(m.createdAt));
    const span = times.length > 1 ? (times.at(-1)! - times[0]!) / 1000 : 0;
    let peak = 0;
    for (let i = 0, j = 0; j < times.length; j++) {
      while (times[j]! - times[i]! >= 1000) i++;
      peak = Math.max(peak, j - i + 1);
    }
    const held = span > 0 ? (times.length - 1) / span : 0;
    const pace = DEFAULT_BULK_WORKER_OPTIONS.perSecond;
    console.log(
      `bulk re-link job: ${total} accounts, ${made.length} links made, ${total - made.length} failed`,
    );
    console.log(`  accepted (202) in ${acceptedMs.toFixed(0)} ms; finished in ${seconds.toFixed(1)} s`);
    console.log(`  connect sessions held: ${held.toFixed(2)}/s overall, at most ${peak} in one second`);
    console.log(`  worker pace: ${pace}/s (${DEFAULT_BULK_WORKER_OPTIONS.concurrency} in flight)`);
    console.log(`  ratio held/pace: ${(held / pace).toFixed(2)} (peak ${(peak / pace).toFixed(2)})`);
  } finally {
    await t.close();
  }
}

/** Each section measures one thing; a new one is a new entry. */
const SECTIONS: Record<string, () => Promise<void>> = {
  bulk: bulkSection,
};

const wanted = process.argv[2];
if (wanted && !SECTIONS[wanted]) {
  console.error(`unknown section ${wanted}; one of: ${Object.keys(SECTIONS).join(', ')}`);
  process.exit(2);
}
for (const [name, run] of Object.entries(SECTIONS)) {
  if (wanted && wanted !== name) continue;
  console.log(`— ${name}`);
  await run();
}
