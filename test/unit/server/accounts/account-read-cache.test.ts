import { describe, expect, it } from 'vitest';
import { AccountReadCache } from '../../../../server/accounts/account-read-cache.ts';

function setup(options: { ttlMs?: number; maxEntries?: number; enabled?: () => boolean } = {}) {
  let now = 1_000_000;
  const cache = new AccountReadCache<string | null>({
    ttlMs: options.ttlMs ?? 30_000,
    maxEntries: options.maxEntries ?? 100,
    enabled: options.enabled,
    now: () => now,
  });
  const values = new Map<string, string | null>();
  let loads = 0;
  const read = (id: string) =>
    cache.read(
      id,
      async () => {
        loads++;
        return values.get(id) ?? null;
      },
      (value) => value !== null,
    );
  return { cache, values, read, loads: () => loads, advance: (ms: number) => (now += ms) };
}

/** A load that resolves only when told to, for interleavings. */
function gate<T>() {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (open = resolve));
  return { promise, open };
}

describe('AccountReadCache', () => {
  it('answers a cached value without loading again within the TTL, and loads again after it', async () => {
    const s = setup({ ttlMs: 1_000 });
    s.values.set('a', 'one');
    expect(await s.read('a')).toBe('one');
    s.values.set('a', 'two');
    expect(await s.read('a')).toBe('one');
    expect(s.loads()).toBe(1);
    s.advance(1_001);
    expect(await s.read('a')).toBe('two');
    expect(s.loads()).toBe(2);
  });

  it('loads again at once after forget', async () => {
    const s = setup();
    s.values.set('a', 'one');
    await s.read('a');
    s.values.set('a', 'two');
    s.cache.forget('a');
    expect(await s.read('a')).toBe('two');
  });

  it('keeps nothing the caller says not to keep (an account not indexed yet)', async () => {
    const s = setup();
    expect(await s.read('a')).toBeNull();
    s.values.set('a', 'now indexed');
    expect(await s.read('a')).toBe('now indexed');
    expect(s.loads()).toBe(2);
  });

  it('shares one load between concurrent reads of an account', async () => {
    const s = setup();
    s.values.set('a', 'one');
    const answers = await Promise.all([s.read('a'), s.read('a'), s.read('a')]);
    expect(answers).toEqual(['one', 'one', 'one']);
    expect(s.loads()).toBe(1);
  });

  it('does not keep a load that started before a forget, nor let later reads join it', async () => {
    const cache = new AccountReadCache<string>({ ttlMs: 30_000, maxEntries: 10 });
    const slow = gate<string>();
    const before = cache.read('a', () => slow.promise);
    cache.forget('a'); // a write committed while the old copy was being read
    const after = cache.read('a', async () => 'new');
    slow.open('old');
    expect(await before).toBe('old');
    expect(await after).toBe('new');
    expect(await cache.read('a', async () => 'unexpected load')).toBe('new');
  });

  it('keeps nothing while disabled', async () => {
    let enabled = true;
    const s = setup({ enabled: () => enabled });
    s.values.set('a', 'one');
    await s.read('a');
    enabled = false;
    s.values.set('a', 'two');
    expect(await s.read('a')).toBe('two');
    expect(s.cache.size).toBe(0);
    enabled = true;
    expect(await s.read('a')).toBe('two');
  });

  it('holds at most maxEntries, dropping the oldest', async () => {
    const s = setup({ maxEntries: 2 });
    for (const id of ['a', 'b', 'c']) s.values.set(id, id);
    for (const id of ['a', 'b', 'c']) await s.read(id);
    expect(s.cache.size).toBe(2);
    await s.read('a');
    expect(s.loads()).toBe(4);
  });
});
