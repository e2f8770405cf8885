import { describe, expect, it } from 'vitest';
import { createBatcher } from '../../../../server/webhooks/batcher.ts';

describe('createBatcher', () => {
  it('flushes the items added in the same turn together and answers each its own result', async () => {
    const flushes: number[][] = [];
    const add = createBatcher(async (items: number[]) => {
      flushes.push(items);
      return items.map((n) => n * 10);
    }, 100);
    expect(await Promise.all([add(1), add(2), add(3)])).toEqual([10, 20, 30]);
    expect(flushes).toEqual([[1, 2, 3]]);
  });

  it('gathers the items added during a flush into the next one, at most maxBatch at a time', async () => {
    const flushes: number[][] = [];
    let release!: () => void;
    const first = new Promise<void>((resolve) => (release = resolve));
    const add = createBatcher(async (items: number[]) => {
      flushes.push(items);
      if (flushes.length === 1) await first;
      return items;
    }, 2);
    const a = add(1);
    await new Promise((resolve) => setImmediate(resolve));
    const rest = [add(2), add(3), add(4)];
    release();
    expect(await Promise.all([a, ...rest])).toEqual([1, 2, 3, 4]);
    expect(flushes).toEqual([[1], [2, 3], [4]]);
  });

  it('fails only the item that fails, retrying the others of its batch alone', async () => {
    const add = createBatcher(async (items: number[]) => {
      if (items.includes(13)) throw new Error('unlucky');
      return items;
    }, 100);
    const results = await Promise.allSettled([add(1), add(13), add(2)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error('unlucky'));
  });
});
