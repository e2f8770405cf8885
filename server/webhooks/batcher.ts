/**
 * Group commit: items added in the same event-loop turn, or while a flush runs, go together in one
 * flush, so under load many webhooks share one statement (PGlite runs statements one at a time, on
 * the main thread), and a lone item still goes at once. Each item's promise settles with its own
 * result or error.
 */
export function createBatcher<I, O>(flush: (items: I[]) => Promise<O[]>, maxBatch: number) {
  let queue: { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];
  let flushing = false;

  const run = async () => {
    flushing = true;
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      try {
        const results = await flush(batch.map((b) => b.item));
        batch.forEach((b, i) => b.resolve(results[i]!));
      } catch (err) {
        if (batch.length === 1) batch[0]!.reject(err);
        // One bad item must not fail the others: each is tried again alone.
        else for (const b of batch) await flush([b.item]).then((r) => b.resolve(r[0]!), b.reject);
      }
    }
    flushing = false;
  };

  return function add(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      // Started after the pending I/O callbacks, so that deliveries read in the same turn share a batch.
      if (!flushing) {
        flushing = true;
        setImmediate(() => void run());
      }
    });
  };
}
