import type { RequestLog } from '../model.ts';

/**
 * The fields a request log keeps under the `sparse-logs` dialect. The SDK types every field of a log
 * optional and nullable (stackone-api.md §5.1); these are the ones a Logs tab can hardly do without.
 * Everything else goes: `request_id` first of all, and `project_id`, `url`, start and end times,
 * `child_resource`, `sub_resource`, `is_worker`, the `source_*` fields and `step_requests`.
 */
const KEPT = new Set<string>([
  'event_datetime',
  'account_id',
  'http_method',
  'path',
  'status',
  'duration',
  'success',
  'provider',
  'service',
  'resource',
  'action',
  // Only on the detail (`GET /requests/logs/{id}`).
  'request',
  'response',
] satisfies (keyof RequestLog)[]);

/** The list entry or detail of one log, minus the optional fields (the detail keeps request and response). */
export function sparseLog(log: object): Record<string, unknown> {
  const entries = Object.entries(log);
  return Object.fromEntries(entries.filter(([key]) => KEPT.has(key)));
}
