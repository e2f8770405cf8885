import { z } from 'zod';

/** A record StackOne sent that the console could not read: left out of the answer, never failing it. */
export interface SkippedRecord {
  /** The record's `id` (or `request_id`), when it had a readable one. */
  id?: string;
  /** Dotted path of the first field that failed, `(record)` for a record that is not an object. */
  field: string;
  message: string;
}

export interface TolerantList<T> {
  items: T[];
  skipped: SkippedRecord[];
}

function recordId(record: unknown, idKeys: readonly string[]): string | undefined {
  if (!record || typeof record !== 'object') return undefined;
  for (const key of idKeys) {
    const value = (record as Record<string, unknown>)[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

/** Each record read on its own: the good ones kept in order, the bad ones named. */
export function parseRecords<T extends z.ZodType>(
  records: readonly unknown[],
  schema: T,
  idKeys: readonly string[] = ['id'],
): TolerantList<z.output<T>> {
  const items: z.output<T>[] = [];
  const skipped: SkippedRecord[] = [];
  for (const record of records) {
    const parsed = schema.safeParse(record);
    if (parsed.success) {
      items.push(parsed.data);
      continue;
    }
    const issue = parsed.error.issues[0];
    const id = recordId(record, idKeys);
    skipped.push({
      ...(id !== undefined ? { id } : {}),
      field: issue && issue.path.length > 0 ? issue.path.map(String).join('.') : '(record)',
      message: issue?.message ?? 'invalid record',
    });
  }
  return { items, skipped };
}

/** The records of a list answer: a bare array (the SDK's shape) or `{"data": [...]}` (the docs'). */
export function listRecords(body: unknown): unknown[] | null {
  if (Array.isArray(body)) return body;
  if (body && typeof body === 'object' && Array.isArray((body as { data?: unknown }).data)) {
    return (body as { data: unknown[] }).data;
  }
  return null;
}

/**
 * A schema for a list answer in either envelope, read record by record. Only an answer that is no
 * list at all fails (the transport then reports an unexpected body).
 */
export function tolerantListSchema<T extends z.ZodType>(record: T, idKeys: readonly string[] = ['id']) {
  return z.unknown().transform((body, ctx): TolerantList<z.output<T>> => {
    const records = listRecords(body);
    if (!records) {
      ctx.addIssue({ code: 'custom', message: 'expected an array or {"data": [...]}' });
      return z.NEVER;
    }
    return parseRecords(records, record, idKeys);
  });
}

/** One log line per skipped record, naming the field, so that an operator can see what StackOne sent. */
export function logSkipped(what: string, skipped: readonly SkippedRecord[]): void {
  for (const s of skipped) {
    console.warn(
      `[stackone] skipped a record of ${what}${s.id ? ` (id ${s.id})` : ''}: field "${s.field}": ${s.message}`,
    );
  }
}
