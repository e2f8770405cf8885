import { z } from 'zod';

/**
 * Fields of the query schemas given to `parseQuery`, which hands each key every value given for it
 * (undefined when absent). A scalar reads the last value: the SDK appends the top-level `order_by`
 * after the filter's own, so the last one is what the caller meant (stackone-api.md §5.1).
 */
const values = z.array(z.string()).optional();

type Read<T> = { ok: true; value: T } | { ok: false; message: string };

const last = (list: string[] | undefined) => list?.[list.length - 1];

/** A comma list inside one value, trimmed, empties dropped. */
const splitCsv = (value: string | undefined): string[] =>
  value === undefined
    ? []
    : value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);

/** The last value through `read`; `fallback` when the key is absent. */
function lastValue<T, F>(read: (raw: string) => Read<T>, fallback: F) {
  return values.transform((list, ctx): T | F => {
    const raw = last(list);
    if (raw === undefined) return fallback;
    const result = read(raw);
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: result.message });
    return z.NEVER;
  });
}

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const fail = (message: string): Read<never> => ({ ok: false, message });

/** The last value as given. */
export const queryText = values.transform(last);

/** Every value of the key: repeated keys (what the SDK sends) and comma lists (what curl users write). */
export const queryList = values.transform((list) => (list ?? []).flatMap(splitCsv));

/** The last value as a comma list (request-log filters: one key, commas between values). */
export const queryCsv = values.transform((list) => splitCsv(last(list)));

/** An integer in [min, max]; `fallback` when absent. */
export const queryInt = (
  key: string,
  { fallback, min, max }: { fallback: number; min: number; max: number },
) =>
  lastValue((raw) => {
    const text = raw.trim();
    if (!/^-?\d+$/.test(text)) return fail(`${key} must be an integer, got "${raw}"`);
    const value = Number(text);
    if (value < min || value > max) return fail(`${key} must be between ${min} and ${max}, got ${value}`);
    return ok(value);
  }, fallback);

/** One of `options`; `fallback` (or undefined) when absent. */
export function queryEnum<const T extends readonly string[], F extends T[number] | undefined = undefined>(
  key: string,
  options: T,
  fallback?: F,
) {
  const expected = options.length === 2 ? `${options[0]} or ${options[1]}` : `one of ${options.join(', ')}`;
  return lastValue(
    (raw) =>
      options.includes(raw) ? ok(raw as T[number]) : fail(`${key} must be ${expected}, got "${raw}"`),
    fallback as F,
  );
}

/** `true` or `false`; absent or empty is undefined. */
export const queryBool = (key: string) =>
  lastValue(
    (raw) =>
      raw === ''
        ? ok(undefined)
        : raw === 'true' || raw === 'false'
          ? ok(raw === 'true')
          : fail(`${key} must be true or false, got "${raw}"`),
    undefined,
  );

/** An ISO-8601 date-time as epoch milliseconds; absent or empty is undefined. */
export const queryDate = (key: string) =>
  lastValue((raw) => {
    if (raw === '') return ok(undefined);
    const ms = Date.parse(raw);
    return Number.isNaN(ms) ? fail(`${key} must be an ISO-8601 date-time, got "${raw}"`) : ok(ms);
  }, undefined);
