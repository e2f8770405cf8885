import type { RequestLogPage } from '../../shared/schemas/request-log.ts';
import type { AppDeps } from '../app-deps.ts';

/** StackOne request logs of one account, newest first, with StackOne's own cursor. */
export async function listAccountLogs(
  deps: AppDeps,
  accountId: string,
  query: { next?: string; pageSize: number },
): Promise<RequestLogPage> {
  const page = await deps.stackOne.listRequestLogs({ accountId, next: query.next, pageSize: query.pageSize });
  return {
    items: page.data.map((l) => ({
      requestId: l.request_id,
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
    })),
    next: page.next ?? null,
  };
}
