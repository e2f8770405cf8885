import { describe, expect, it } from 'vitest';
import { createConcurrencyLimit } from '../../../../server/webhooks/concurrency-limit.ts';

describe('createConcurrencyLimit', () => {
  it('never runs more tasks at once than its limit, and runs them all', async () => {
    const limit = createConcurrencyLimit(3);
    let active = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        limit(async () => {
          active++;
          peak = Math.max(peak, active);
          await new Promise((resolve) => setTimeout(resolve, i % 3));
          active--;
          return i;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(results).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('frees the slot of a task that failed', async () => {
    const limit = createConcurrencyLimit(1);
    await expect(limit(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limit(async () => 'next')).resolves.toBe('next');
  });
});
