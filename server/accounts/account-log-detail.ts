import type { RequestLogDetail } from '../../shared/schemas/request-log.ts';
import { AppError } from '../http/app-error.ts';
import type { UserStackOneCalls } from '../stackone/stackone-client.ts';
import { requestLogView } from './account-logs.ts';

// Credentials must not reach the browser even if StackOne's log kept them.
const SECRET_HEADER = /authorization|cookie|token|secret|api[-_]?key|password|signature/i;

/** Header values as text, secrets replaced. */
function safeHeaders(headers: Record<string, unknown> | null | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers ?? {}).map(([name, value]) => [
      name,
      SECRET_HEADER.test(name) ? '[redacted]' : typeof value === 'string' ? value : JSON.stringify(value),
    ]),
  );
}

/**
 * One request log entry of one account from `GET /requests/logs/{id}`. An entry of another account is
 * not found: the log id alone must not open other accounts' requests to someone on this page.
 */
export async function getAccountLog(
  stackOne: Pick<UserStackOneCalls, 'getRequestLog'>,
  accountId: string,
  logId: string,
): Promise<RequestLogDetail> {
  const log = await stackOne.getRequestLog(logId);
  if (log.account_id !== accountId) {
    throw new AppError('not_found', `No request log ${logId} for account ${accountId}`);
  }
  const { request, response } = log;
  return {
    ...requestLogView(log),
    request: request
      ? {
          method: request.method ? request.method.toUpperCase() : null,
          url: request.url?.url ?? null,
          headers: safeHeaders(request.headers),
          body: request.body ?? null,
        }
      : null,
    response: response
      ? {
          status: response.status_code ?? null,
          headers: safeHeaders(response.headers),
          body: response.body ?? null,
        }
      : null,
    providerErrors: (response?.provider_errors ?? []).map((e) => ({
      status: e.status ?? null,
      url: e.url ?? null,
      raw: e.raw ?? null,
      headers: safeHeaders(e.headers),
    })),
    mappingErrors: (response?.custom_mapping_errors ?? []).map((e) => ({
      message: e.message ?? null,
      targetField: e.targetField ?? null,
    })),
    steps: (log.step_requests ?? []).map(requestLogView),
  };
}
