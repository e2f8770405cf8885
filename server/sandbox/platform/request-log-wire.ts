import type { RequestLog, StepLog } from '../model.ts';

/** StepLogPartial (stackone-api.md §5.1): a step without source_ip, request and response. */
function toStepLogPartial(step: StepLog) {
  const { source_ip: _ip, request: _request, response: _response, ...partial } = step;
  return partial;
}

/**
 * A list entry (UnifiedLogsPartial): no `request`/`response`; `step_requests` only with
 * `include=step_logs`, else null (never the docs example's string, which the SDK rejects).
 */
export function toLogListEntryWire(log: RequestLog, includeSteps: boolean) {
  const { request: _request, response: _response, step_requests, ...entry } = log;
  return { ...entry, step_requests: includeSteps ? step_requests.map(toStepLogPartial) : null };
}

/** `GET /requests/logs/{id}` (UnifiedLogs): everything, with full step logs. */
export const toLogDetailWire = (log: RequestLog) => log;
