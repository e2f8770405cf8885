import { createHash } from 'node:crypto';
import { z } from 'zod';
import { PAGE_SIZE } from '../http/input-defaults.ts';
import { queryBool, queryCsv, queryDate, queryEnum, queryInt, queryText } from '../http/query-fields.ts';
import type { RequestLog } from '../model.ts';

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
type ListFilter = keyof typeof LIST_FILTERS;

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
const ORDER_BY = Object.keys(ORDER_COMPARATORS) as OrderBy[];

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

export function encodeCursor(cursor: LogCursor, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ o: cursor.offset, l: cursor.last, f: fingerprint })).toString(
    'base64url',
  );
}

function decodeCursor(raw: string, fingerprint: string): LogCursor | string {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    return 'next is not a valid cursor';
  }
  const { o, l, f } = (decoded ?? {}) as { o?: unknown; l?: unknown; f?: unknown };
  if (!Number.isInteger(o) || (o as number) < 0 || typeof l !== 'string' || typeof f !== 'string')
    return 'next is not a valid cursor';
  if (f !== fingerprint) return 'next belongs to a different filter or order; start again without it';
  return { offset: o as number, last: l };
}

const listFilterFields = Object.fromEntries(
  Object.keys(LIST_FILTERS).map((key) => [key, queryCsv]),
) as Record<ListFilter, typeof queryCsv>;

/**
 * `GET /requests/logs` query (stackone-api.md §5.1). Filters arrive bare (the SDK) or as
 * `filter[key]`; the last occurrence of a key wins.
 */
export const LogListQuerySchema = z
  .object({
    page_size: queryInt('page_size', PAGE_SIZE),
    order_by: queryEnum('order_by', ORDER_BY, 'eventDatetime'),
    order_direction: queryEnum('order_direction', ['asc', 'desc'], 'desc'),
    ...listFilterFields,
    http_methods: queryCsv,
    status_codes: queryCsv.superRefine((codes, ctx) => {
      const bad = codes.find((code) => !/^\d{3}$/.test(code));
      if (bad !== undefined)
        ctx.addIssue({
          code: 'custom',
          message: `status_codes must be a comma list of HTTP statuses, got "${bad}"`,
        });
    }),
    success: queryBool('success'),
    start_date: queryDate('start_date'),
    end_date: queryDate('end_date'),
    next: queryText,
    include: queryCsv,
  })
  .transform((q, ctx): LogListQuery => {
    const checks: ((log: RequestLog) => boolean)[] = [];
    for (const [key, field] of Object.entries(LIST_FILTERS)) {
      const values = q[key as ListFilter];
      if (values.length) {
        const wanted = new Set(values);
        checks.push((log) => wanted.has(log[field] as string));
      }
    }
    if (q.http_methods.length) {
      const wanted = new Set(q.http_methods.map((m) => m.toUpperCase()));
      checks.push((log) => wanted.has(log.http_method.toUpperCase()));
    }
    if (q.status_codes.length) {
      const wanted = new Set(q.status_codes.map(Number));
      checks.push((log) => wanted.has(log.status));
    }
    if (q.success !== undefined) {
      const wanted = q.success;
      checks.push((log) => log.success === wanted);
    }
    if (q.start_date !== undefined || q.end_date !== undefined) {
      const from = q.start_date ?? -Infinity;
      const to = q.end_date ?? Infinity;
      checks.push((log) => {
        const at = Date.parse(log.event_datetime);
        return at >= from && at <= to;
      });
    }

    // The cursor is bound to everything that changes which logs match or their order.
    const { page_size: _size, next: _next, include: _include, ...matchingAndOrder } = q;
    const fingerprint = createHash('sha256')
      .update(JSON.stringify(matchingAndOrder))
      .digest('base64url')
      .slice(0, 16);
    let cursor: LogCursor | null = null;
    if (q.next) {
      const decoded = decodeCursor(q.next, fingerprint);
      if (typeof decoded === 'string') {
        ctx.addIssue({ code: 'custom', message: decoded, path: ['next'] });
        return z.NEVER;
      }
      cursor = decoded;
    }

    return {
      pageSize: q.page_size,
      includeSteps: q.include.includes('step_logs'),
      matches: checks.length ? (log) => checks.every((check) => check(log)) : null,
      orderBy: q.order_by,
      direction: q.order_direction,
      fingerprint,
      cursor,
    };
  });

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
