import { createHash } from 'node:crypto';
import type { RequestLog } from '../model.ts';
import { intParam, lastWinsParams, splitCsv, type Parsed } from './query-params.ts';

export const LOGS_DEFAULT_PAGE_SIZE = 25;
export const LOGS_MAX_PAGE_SIZE = 100;

/** Comma-list filters matched exactly against one field each. */
const LIST_FILTERS = {
  account_ids: 'account_id',
  providers: 'provider',
  services: 'service',
  resources: 'resource',
  child_resources: 'child_resource',
  sub_resources: 'sub_resource',
  actions: 'action',
  request_ids: 'request_id',
  source_ids: 'source_id',
  source_types: 'source_type',
  source_values: 'source_value',
} as const satisfies Record<string, keyof RequestLog>;

const byText = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** Ascending comparators, one per `order_by` value (field-specific: this runs ~n log n times per request). */
const ORDER_COMPARATORS = {
  eventDatetime: (a: RequestLog, b: RequestLog) => byText(a.event_datetime, b.event_datetime),
  provider: (a: RequestLog, b: RequestLog) => byText(a.provider, b.provider),
  service: (a: RequestLog, b: RequestLog) => byText(a.service, b.service),
  status: (a: RequestLog, b: RequestLog) => a.status - b.status,
  duration: (a: RequestLog, b: RequestLog) => a.duration - b.duration,
};
type OrderBy = keyof typeof ORDER_COMPARATORS;

/** Every key that changes which logs match or their order; the cursor is bound to their values. */
const QUERY_KEYS = [
  ...Object.keys(LIST_FILTERS),
  'http_methods',
  'status_codes',
  'start_date',
  'end_date',
  'success',
  'order_by',
  'order_direction',
];

export interface LogListQuery {
  pageSize: number;
  includeSteps: boolean;
  matches: ((log: RequestLog) => boolean) | null;
  orderBy: OrderBy;
  direction: 'asc' | 'desc';
  fingerprint: string;
  cursor: LogCursor | null;
}

/** Position after the last entry served, plus that entry's id to re-anchor if logs were added since. */
interface LogCursor {
  offset: number;
  last: string;
}

const fail = (message: string): Parsed<never> => ({ ok: false, message });

function parseDate(value: string | undefined, key: string): Parsed<number | null> {
  if (value === undefined || value === '') return { ok: true, value: null };
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return fail(`${key} must be an ISO-8601 date-time, got "${value}"`);
  return { ok: true, value: ms };
}

export function encodeCursor(cursor: LogCursor, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ o: cursor.offset, l: cursor.last, f: fingerprint })).toString(
    'base64url',
  );
}

function decodeCursor(raw: string, fingerprint: string): Parsed<LogCursor> {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    return fail('next is not a valid cursor');
  }
  const { o, l, f } = (decoded ?? {}) as { o?: unknown; l?: unknown; f?: unknown };
  if (!Number.isInteger(o) || (o as number) < 0 || typeof l !== 'string' || typeof f !== 'string')
    return fail('next is not a valid cursor');
  if (f !== fingerprint) return fail('next belongs to a different filter or order; start again without it');
  return { ok: true, value: { offset: o as number, last: l } };
}

/**
 * `GET /requests/logs` query (stackone-api.md §5.1). Filters arrive bare (the SDK) or as
 * `filter[key]`; the last occurrence of a key wins.
 */
export function parseLogListQuery(search: URLSearchParams): Parsed<LogListQuery> {
  const params = lastWinsParams(search);
  const get = (key: string) => params.get(key);

  const pageSize = intParam(get('page_size'), 'page_size', {
    fallback: LOGS_DEFAULT_PAGE_SIZE,
    min: 1,
    max: LOGS_MAX_PAGE_SIZE,
  });
  if (!pageSize.ok) return pageSize;

  const orderBy = get('order_by') ?? 'eventDatetime';
  if (!(orderBy in ORDER_COMPARATORS))
    return fail(`order_by must be one of ${Object.keys(ORDER_COMPARATORS).join(', ')}, got "${orderBy}"`);
  const direction = get('order_direction') ?? 'desc';
  if (direction !== 'asc' && direction !== 'desc')
    return fail(`order_direction must be asc or desc, got "${direction}"`);

  const checks: ((log: RequestLog) => boolean)[] = [];
  for (const [key, field] of Object.entries(LIST_FILTERS)) {
    const values = splitCsv(get(key) ?? undefined);
    if (values.length) {
      const wanted = new Set(values);
      checks.push((log) => wanted.has(log[field] as string));
    }
  }
  const methods = splitCsv(get('http_methods') ?? undefined);
  if (methods.length) {
    const wanted = new Set(methods.map((m) => m.toUpperCase()));
    checks.push((log) => wanted.has(log.http_method.toUpperCase()));
  }
  const codes = splitCsv(get('status_codes') ?? undefined);
  if (codes.length) {
    const bad = codes.find((code) => !/^\d{3}$/.test(code));
    if (bad !== undefined) return fail(`status_codes must be a comma list of HTTP statuses, got "${bad}"`);
    const wanted = new Set(codes.map(Number));
    checks.push((log) => wanted.has(log.status));
  }
  const success = get('success');
  if (success !== undefined && success !== '') {
    if (success !== 'true' && success !== 'false')
      return fail(`success must be true or false, got "${success}"`);
    const wanted = success === 'true';
    checks.push((log) => log.success === wanted);
  }
  const start = parseDate(get('start_date'), 'start_date');
  if (!start.ok) return start;
  const end = parseDate(get('end_date'), 'end_date');
  if (!end.ok) return end;
  if (start.value !== null || end.value !== null) {
    const from = start.value ?? -Infinity;
    const to = end.value ?? Infinity;
    checks.push((log) => {
      const at = Date.parse(log.event_datetime);
      return at >= from && at <= to;
    });
  }

  const fingerprint = createHash('sha256')
    .update(JSON.stringify(QUERY_KEYS.map((key) => [key, get(key) ?? null])))
    .digest('base64url')
    .slice(0, 16);
  const rawNext = get('next');
  let cursor: LogCursor | null = null;
  if (rawNext) {
    const decoded = decodeCursor(rawNext, fingerprint);
    if (!decoded.ok) return decoded;
    cursor = decoded.value;
  }

  const include = splitCsv(get('include') ?? undefined);
  return {
    ok: true,
    value: {
      pageSize: pageSize.value,
      includeSteps: include.includes('step_logs'),
      matches: checks.length ? (log) => checks.every((check) => check(log)) : null,
      orderBy: orderBy as OrderBy,
      direction,
      fingerprint,
      cursor,
    },
  };
}

/** One page of logs and the cursor of the next one (null at the end). */
export function logPage(
  logs: readonly RequestLog[],
  query: LogListQuery,
): { page: RequestLog[]; next: string | null } {
  let matching: readonly RequestLog[] = query.matches ? logs.filter(query.matches) : logs;
  // The store keeps logs newest first, so the default order needs neither a copy nor a sort.
  if (query.orderBy !== 'eventDatetime' || query.direction !== 'desc') {
    const ascending = ORDER_COMPARATORS[query.orderBy];
    const compare = query.direction === 'asc' ? ascending : (a: RequestLog, b: RequestLog) => ascending(b, a);
    // Stable sort: ties keep the store's order, so pages never disagree on them.
    matching = (query.matches ? (matching as RequestLog[]) : [...matching]).sort(compare);
  }

  let start = 0;
  if (query.cursor) {
    const { offset, last } = query.cursor;
    start = offset;
    // Logs added since the previous page shift offsets; re-anchor on the last entry served.
    if (matching[offset - 1]?.request_id !== last) {
      const index = matching.findIndex((log) => log.request_id === last);
      if (index >= 0) start = index + 1;
    }
  }
  const page = matching.slice(start, start + query.pageSize);
  const end = start + page.length;
  const next =
    end < matching.length && page.length
      ? encodeCursor({ offset: end, last: page[page.length - 1]!.request_id }, query.fingerprint)
      : null;
  return { page, next };
}
