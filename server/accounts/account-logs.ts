import type { RequestLog, RequestLogPage } from '../../shared/schemas/request-log.ts';
import type { UserStackOneCalls } from '../stackone/stackone-client.ts';
import type { UpstreamRequestLog } from '../stackone/upstream-schemas.ts';

/** Upstream pages read at most to fill one page of the tab, when StackOne's filter lets others through. */
const MAX_UPSTREAM_PAGES = 3;

export const requestLogView = (l: UpstreamRequestLog): RequestLog => ({
  requestId: l.request_id ?? null,
  at: l.event_datetime ?? null,
  method: l.http_method ? l.http_method.toUpperCase() : null,
  path: l.path ?? null,
  url: l.url ?? null,
  status: l.status ?? null,
  durationMs: l.duration ?? null,
  success: l.success ?? null,
  provider: l.provider ?? null,
  service: l.service ?? null,
  resource: l.resource ?? null,
  action: l.action ?? null,
  sourceType: l.source_type ?? null,
});

const isFailed = (l: UpstreamRequestLog) => l.success === false || (l.status ?? 0) >= 400;

/**
 * StackOne request logs of one account, newest first, with StackOne's own cursor. Only entries that
 * name this account are shown: a StackOne that ignores the account filter (or an entry without
 * `account_id`) never puts another account's requests on this tab. Unreadable entries are counted in
 * `skipped`, never failing the page.
 */
export async function listAccountLogs(
  stackOne: Pick<UserStackOneCalls, 'listRequestLogs'>,
  accountId: string,
  query: { next?: string; pageSize: number; failedOnly?: 'true' | 'false' },
): Promise<RequestLogPage> {
  const items: RequestLog[] = [];
  let skipped = 0;
  let dropped = 0;
  let next = query.next;
  for (let read = 0; read < MAX_UPSTREAM_PAGES; read++) {
    const page = await stackOne.listRequestLogs({
      accountId,
      next,
      pageSize: query.pageSize,
      ...(query.failedOnly === 'true' ? { failedOnly: true } : {}),
    });
    skipped += page.skipped.length;
    for (const entry of page.items) {
      if (entry.account_id !== accountId) dropped++;
      // Checked here too: a StackOne that ignores `success=false` must not show successes as failures.
      else if (query.failedOnly !== 'true' || isFailed(entry)) items.push(requestLogView(entry));
    }
    next = page.next ?? undefined;
    // A page with nothing to show but more behind it: StackOne let other accounts' entries through.
    if (items.length > 0 || !next) break;
  }
  if (dropped > 0) {
    console.warn(
      `[stackone] request logs of ${accountId}: ${dropped} entries for another account or none were left out (the account filter was not applied upstream)`,
    );
  }
  return { items, next: next ?? null, skipped };
}
