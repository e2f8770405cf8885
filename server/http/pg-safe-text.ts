/**
 * The one boundary between outside text and PostgreSQL. Postgres text cannot hold NUL, and jsonb
 * refuses `\u0000` and a lone UTF-16 surrogate (JSON.stringify writes one as `\udxxx`, which jsonb
 * rejects), so one such character fails a whole statement. Deep nesting is a third hazard:
 * JSON.stringify (drizzle's jsonb encoding) overflows the stack at a few thousand levels.
 *
 * Text we must keep (StackOne answers, webhook payloads, audit summaries) goes through `safeText` /
 * `safeJson`; user input is checked with `findUnsafeText` and refused with a 400 instead. Every walk
 * here stops at a depth limit, so no input can overflow the stack.
 */

/** Containers a stored JSON value may nest; a deeper one is replaced by `TOO_DEEP`. */
export const MAX_STORED_DEPTH = 64;
/** Containers a request body or query may nest: every request schema is a few levels deep. */
export const MAX_INPUT_DEPTH = 32;
/** What `safeJson` keeps in place of a container nested deeper than its limit. */
export const TOO_DEEP = '[nested too deep: left out]';

// Without the `u` flag a regex sees UTF-16 code units, which is what finds a lone surrogate.
const SURROGATE = /[\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const HAS_LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const isSuspect = (text: string) => text.includes('\u0000') || SURROGATE.test(text);

/** The text with NUL removed and each lone surrogate replaced by U+FFFD; safe text is returned as is. */
export function safeText(text: string): string {
  if (!isSuspect(text)) return text;
  // Surrogates first: a NUL between two halves must not join them into a character never sent.
  return text.replace(LONE_SURROGATE, '\uFFFD').replaceAll('\u0000', '');
}

export const safeTextOrNull = (text: string | null | undefined): string | null =>
  text == null ? null : safeText(text);

function textProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain a NUL character';
  if (SURROGATE.test(text) && HAS_LONE_SURROGATE.test(text))
    return 'must not contain a lone UTF-16 surrogate (invalid Unicode)';
  return null;
}

/** Objects that JSON writes as their own entries; others (Date…) serialize themselves. */
const isPlainObject = (value: object): value is Record<string, unknown> => {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
};

export interface UnsafeText {
  /** Dotted path of the offending value (or key), `_` for the whole value: the `fields` key of a 400. */
  path: string;
  message: string;
}

/**
 * The first string (value or object key, depth first in key order) that Postgres could not store,
 * or the first container nested deeper than `maxDepth`; null when the whole value is safe.
 */
export function findUnsafeText(value: unknown, maxDepth = MAX_INPUT_DEPTH): UnsafeText | null {
  const path: string[] = [];
  const found = (message: string): UnsafeText => ({ path: safeText(path.join('.')) || '_', message });

  const walk = (item: unknown, depth: number): UnsafeText | null => {
    if (typeof item === 'string') {
      const problem = textProblem(item);
      return problem ? found(problem) : null;
    }
    if (item === null || typeof item !== 'object') return null;
    const isArray = Array.isArray(item);
    if (!isArray && !isPlainObject(item)) return null;
    if (depth >= maxDepth) return found(`must not be nested more than ${maxDepth} levels deep`);
    for (const [key, child] of Object.entries(item)) {
      path.push(key);
      const problem = isArray ? null : textProblem(key);
      const result = problem ? found(`name ${problem}`) : walk(child, depth + 1);
      if (result) return result;
      path.pop();
    }
    return null;
  };
  return walk(value, 0);
}

/**
 * A copy of a JSON-like value that Postgres jsonb can store: every string and key through `safeText`,
 * and a container nested deeper than `maxDepth` replaced by `TOO_DEEP`. A value that is safe already
 * is returned as is (no copy).
 */
export function safeJson<T>(value: T, maxDepth = MAX_STORED_DEPTH): T {
  if (findUnsafeText(value, maxDepth) === null) return value;

  const copy = (item: unknown, depth: number): unknown => {
    if (typeof item === 'string') return safeText(item);
    if (item === null || typeof item !== 'object') return item;
    if (Array.isArray(item)) {
      return depth >= maxDepth ? TOO_DEEP : item.map((child: unknown) => copy(child, depth + 1));
    }
    if (!isPlainObject(item)) return item;
    if (depth >= maxDepth) return TOO_DEEP;
    // fromEntries defines keys as own data properties, so a "__proto__" key stays a key.
    return Object.fromEntries(
      Object.entries(item).map(([key, child]) => [safeText(key), copy(child, depth + 1)]),
    );
  };
  return copy(value, 0) as T;
}
