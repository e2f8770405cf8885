/** mulberry32: a small, fast, deterministic PRNG so that a seed always gives the same sandbox. */
export interface Rng {
  next(): number;
  /** 0..255: what `hex` draws per two digits. */
  byte(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  hex(bytes: number): string;
}

/** Two lowercase hex digits per byte value, built once: a 100k-account seed draws millions of them. */
const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const byte = () => Math.floor(next() * 256);
  return {
    next,
    byte,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
    chance: (p) => next() < p,
    hex: (bytes) => {
      // Joined, not `+=`: concatenation keeps a chain of partial strings alive as long as the value.
      const digits: string[] = [];
      for (let i = 0; i < bytes; i++) digits.push(HEX_BYTES[byte()]!);
      return digits.join('');
    },
  };
}
