/** Query-string readers shared by the platform routes. Each returns a value or an error message. */

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (message: string): Parsed<never> => ({ ok: false, message });

/**
 * Every value of a key, from repeated keys (what the SDK sends) and comma lists (what curl users
 * write), trimmed, empties dropped.
 */
export function listParam(params: URLSearchParams, key: string): string[] {
  const values: string[] = [];
  for (const raw of params.getAll(key))
    for (const part of raw.split(',')) {
      const value = part.trim();
      if (value) values.push(value);
    }
  return values;
}

/** An integer in [min, max], `fallback` when absent; anything else is an error naming the key. */
export function intParam(
  raw: string | null | undefined,
  key: string,
  { fallback, min, max }: { fallback: number; min: number; max: number },
): Parsed<number> {
  if (raw === null || raw === undefined) return ok(fallback);
  const text = raw.trim();
  if (!/^-?\d+$/.test(text)) return fail(`${key} must be an integer, got "${raw}"`);
  const value = Number(text);
  if (value < min || value > max) return fail(`${key} must be between ${min} and ${max}, got ${value}`);
  return ok(value);
}

/**
 * The request-log query as one value per key: `filter[key]` is read as `key`, and when a key
 * repeats the last one wins. The SDK flattens its `filter` object to bare keys and then appends the
 * top-level `order_by`/`order_direction`, so the same key can legitimately appear twice.
 */
export function lastWinsParams(params: URLSearchParams): Map<string, string> {
  const result = new Map<string, string>();
  for (const [rawKey, value] of params) {
    const match = /^filter\[([^\]]+)\]$/.exec(rawKey);
    result.set(match ? match[1]! : rawKey, value);
  }
  return result;
}

/** A comma list inside one value, trimmed, empties dropped. */
export const splitCsv = (value: string | undefined): string[] =>
  value === undefined
    ? []
    : value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
