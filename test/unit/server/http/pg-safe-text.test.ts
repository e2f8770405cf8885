import { PGlite } from '@electric-sql/pglite';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  findUnsafeText,
  MAX_INPUT_DEPTH,
  MAX_STORED_DEPTH,
  safeJson,
  safeText,
  TOO_DEEP,
} from '../../../../server/http/pg-safe-text.ts';

/** Code points of every kind, with NUL and lone surrogate halves (which `'binary'` leaves out) often. */
const riskyUnit = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.constant('\u0000') },
  { weight: 2, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) },
);
const riskyText = fc.string({ unit: riskyUnit, maxLength: 24 });
/** JSON values with risky keys and strings, some wrapped deeper than any limit here. */
const riskyJson = fc
  .tuple(
    fc.jsonValue({ stringUnit: riskyUnit, maxDepth: 4 }),
    fc.array(fc.oneof(fc.constant('array'), riskyText), { maxLength: MAX_STORED_DEPTH + 8 }),
  )
  .map(([value, wrappers]) =>
    wrappers.reduce<unknown>((inner, key) => (key === 'array' ? [inner] : { [key]: inner }), value),
  );

const nested = (depth: number, leaf: unknown = 1): unknown => {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};
/** The value as JSON gives it back: what a jsonb round trip can be compared with. */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

// A real database: "storable" means what Postgres accepts, not what this module believes.
// The budget covers a busy machine; the WASM start takes a few seconds at worst.
let db: PGlite;
beforeAll(async () => {
  db = await PGlite.create();
}, 60_000);
afterAll(async () => {
  await db?.close();
});

const storeText = async (text: string) =>
  (await db.query<{ v: string }>('select $1::text as v', [text])).rows[0]!.v;
const storeJsonb = async (value: unknown) =>
  (await db.query<{ v: unknown }>('select $1::jsonb as v', [JSON.stringify(value)])).rows[0]!.v;

describe('safeText', () => {
  it.each([
    ['drops NUL', 'a\u0000b\u0000', 'ab'],
    ['replaces a lone high surrogate', 'caf\ud83d', 'caf\ufffd'],
    ['replaces a lone low surrogate', '\ude00x', '\ufffdx'],
    ['keeps a surrogate pair', 'caf\ud83d\ude00', 'caf\ud83d\ude00'],
    ['does not join two halves a NUL kept apart', '\ud83d\u0000\ude00', '\ufffd\ufffd'],
  ])('%s', (_what, input, expected) => {
    expect(safeText(input)).toBe(expected);
  });

  it('makes any string storable as Postgres text and as a jsonb string, unchanged by the trip', async () => {
    await fc.assert(
      fc.asyncProperty(riskyText, async (text) => {
        const safe = safeText(text);
        expect(await storeText(safe)).toBe(safe);
        expect(await storeJsonb(safe)).toBe(safe);
      }),
      { numRuns: 300 },
    );
  });

  it('returns a string that was already safe as it is, and is idempotent', () => {
    fc.assert(
      fc.property(riskyText, (text) => {
        if (findUnsafeText(text) === null) expect(safeText(text)).toBe(text);
        expect(safeText(safeText(text))).toBe(safeText(text));
        expect(findUnsafeText(safeText(text))).toBeNull();
      }),
      { numRuns: 1000 },
    );
  });
});

describe('findUnsafeText', () => {
  it('names the path of the first NUL or lone surrogate, in key order', () => {
    expect(findUnsafeText({ a: 'ok', b: ['x', 'caf\ud83d'], c: 'n\u0000' })).toEqual({
      path: 'b.1',
      message: expect.stringContaining('surrogate'),
    });
    expect(findUnsafeText({ label: 'EU\u0000' })).toEqual({
      path: 'label',
      message: 'must not contain a NUL character',
    });
    expect(findUnsafeText('\udc00')?.path).toBe('_');
    expect(findUnsafeText({ ok: { 'ke\u0000y': 1 } })).toEqual({
      path: 'ok.key',
      message: expect.stringContaining('name must not contain a NUL'),
    });
    expect(findUnsafeText({ emoji: 'caf\ud83d\ude00', n: 1, b: true, z: null })).toBeNull();
  });

  it('reports a body nested 5,000 deep as too deep, without overflowing the stack', () => {
    const body = JSON.parse(`${'['.repeat(5000)}${']'.repeat(5000)}`) as unknown;
    const found = findUnsafeText(body);
    expect(found?.message).toMatch(/nested more than 32 levels/);
    expect(found?.path.split('.')).toHaveLength(MAX_INPUT_DEPTH);
    expect(findUnsafeText(nested(MAX_INPUT_DEPTH))).toBeNull();
    expect(findUnsafeText(nested(MAX_INPUT_DEPTH + 1))).not.toBeNull();
  });

  it('finds nothing in a value exactly when safeJson would change nothing', () => {
    fc.assert(
      fc.property(riskyJson, (value) => {
        const unchanged = findUnsafeText(value, MAX_STORED_DEPTH) === null;
        expect(safeJson(value) === value).toBe(unchanged);
        if (!unchanged) expect(asJson(safeJson(value))).not.toEqual(asJson(value));
      }),
      { numRuns: 500 },
    );
  });
});

describe('safeJson', () => {
  it('makes any JSON value storable as jsonb, and jsonb gives back exactly the safe value', async () => {
    await fc.assert(
      fc.asyncProperty(riskyJson, async (value) => {
        const safe = safeJson(value);
        expect(findUnsafeText(safe, MAX_STORED_DEPTH)).toBeNull();
        expect(await storeJsonb(safe)).toEqual(asJson(safe));
      }),
      { numRuns: 300 },
    );
  });

  it('returns a value that was already safe as it is (no copy)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        expect(safeJson(value)).toBe(value);
      }),
    );
  });

  it('keeps a container nested deeper than the limit as a marker, even 5,000 deep', async () => {
    const payload = { event: 'account.updated', deep: JSON.parse(`${'['.repeat(5000)}1${']'.repeat(5000)}`) };
    const safe = safeJson(payload);
    // The payload and 63 arrays are kept: 64 containers in all.
    let inner: unknown = safe.deep;
    for (let kept = 2; kept < MAX_STORED_DEPTH; kept++) inner = (inner as unknown[])[0];
    expect(inner).toEqual([TOO_DEEP]);
    expect(await storeJsonb(safe)).toEqual(asJson(safe));
  });

  it('keeps a "__proto__" key as a key, and a NUL in a key out', () => {
    const value = JSON.parse('{"__proto__": {"x": "a\\u0000"}, "k\\u0000": 1}') as Record<string, unknown>;
    const safe = safeJson(value);
    expect(Object.getPrototypeOf(safe)).toBe(Object.prototype);
    expect(Object.keys(safe)).toEqual(['__proto__', 'k']);
    expect(JSON.stringify(safe)).toBe('{"__proto__":{"x":"a"},"k":1}');
  });
});
