import { z } from 'zod';
import { AppError } from '../http/app-error.ts';
import type { CallPriority } from './call-scheduler.ts';
import {
  describeAttempts,
  LABEL_FORMS,
  labelBody,
  otherForm,
  type LabelAttempt,
  type LabelForm,
} from './label-forms.ts';
import {
  logSkipped,
  parseRecords,
  tolerantListSchema,
  listRecords,
  type SkippedRecord,
} from './tolerant-list.ts';
import { createTransport, type TransportOptions } from './transport.ts';
import {
  UpstreamAccountMetaSchema,
  UpstreamConnectorMetaSchema,
  UpstreamConnectSessionSchema,
  UpstreamLinkedAccountSchema,
  UpstreamRequestLogDetailSchema,
  UpstreamRequestLogSchema,
  type UpstreamLinkedAccount,
  type UpstreamRequestLog,
} from './upstream-schemas.ts';
import { createUserReadLimiter } from './user-read-limiter.ts';

export type { SkippedRecord } from './tolerant-list.ts';
export type { LabelAttempt, LabelForm } from './label-forms.ts';
export type { CallPriority } from './call-scheduler.ts';

export interface ConnectSessionInput {
  origin_owner_id: string;
  origin_owner_name: string;
  origin_username?: string;
  provider?: string;
  categories?: string[];
  account_id?: string;
  multiple?: boolean;
  label?: string;
  expires_in?: number;
  type?: 'production' | 'test';
}

/** A delete done upstream; `account` is null when a retry found it already gone (see goneOnRetry). */
export interface AccountDeletion {
  account: UpstreamLinkedAccount | null;
  confirmedByRetry404: boolean;
}

/** One page of `GET /accounts`: the records read, and those left out (each also logged). */
export interface AccountListPage {
  items: UpstreamLinkedAccount[];
  skipped: SkippedRecord[];
}

/** One page of `GET /requests/logs`: readable entries, StackOne's cursor, and the entries left out. */
export interface RequestLogListPage {
  items: UpstreamRequestLog[];
  next: string | null;
  skipped: SkippedRecord[];
}

/** A label set upstream: the account as StackOne answered, the form it took, and every attempt made. */
export interface LabelUpdate {
  account: UpstreamLinkedAccount;
  form: LabelForm;
  attempts: LabelAttempt[];
}

export interface StackOneClientOptions extends TransportOptions {
  /** Live reads a signed-in user may make per minute (STACKONE_USER_READS_PER_MINUTE). */
  userReadsPerMinute?: number;
}

const enc = encodeURIComponent;

const AccountListSchema = tolerantListSchema(UpstreamLinkedAccountSchema);
const ConnectorListSchema = tolerantListSchema(UpstreamConnectorMetaSchema, ['provider']);
/** `{data, next}` as the SDK has it; a bare array is taken as one last page. */
const RequestLogListSchema = z.unknown().transform((body, ctx): RequestLogListPage => {
  const records = listRecords(body);
  if (!records) {
    ctx.addIssue({ code: 'custom', message: 'expected {"data": [...]}' });
    return z.NEVER;
  }
  const next = Array.isArray(body) ? null : (body as { next?: unknown }).next;
  return {
    ...parseRecords(records, UpstreamRequestLogSchema, ['request_id']),
    next: typeof next === 'string' && next !== '' ? next : null,
  };
});

/**
 * Typed calls of the StackOne platform API the console uses. Calls made on the client itself are
 * background calls (sync, webhook re-reads); `forUser(id)` gives the same calls for a signed-in user:
 * interactive, behind the background ones, with that user's live reads limited.
 */
export function createStackOneClient(options: StackOneClientOptions) {
  const request = createTransport(options);
  const readLimiter = createUserReadLimiter({ perMinute: options.userReadsPerMinute ?? 120 });
  /** The label form StackOne took last, once known: tried first from then on (per process). */
  let knownLabelForm: LabelForm | null = null;

  function calls(priority: CallPriority, userId: string | null) {
    /** A live read for a user spends one of that user's reads first. */
    const read = () => {
      if (userId === null) return;
      const refused = readLimiter.take(userId);
      if (refused) {
        throw new AppError(
          'rate_limited',
          `You are reading live data from StackOne faster than the console allows (${options.userReadsPerMinute ?? 120} a minute per user, shared with everything else that keeps the index up to date); try again in ${refused.retryAfterSeconds} s`,
          { retryAfterSeconds: refused.retryAfterSeconds },
        );
      }
    };

    async function patchLabel(id: string, form: LabelForm, label: string | null) {
      return request({
        method: 'PATCH',
        path: `/accounts/${enc(id)}`,
        body: labelBody(form, label),
        schema: UpstreamLinkedAccountSchema,
        idempotent: true,
        priority,
      });
    }

    return {
      // Async, so that a refused read is a rejection the caller's `.catch` sees, never a throw.
      getAccount: async (id: string) => {
        read();
        return request({
          method: 'GET',
          path: `/accounts/${enc(id)}`,
          schema: UpstreamLinkedAccountSchema,
          idempotent: true,
          priority,
        });
      },
      getAccountMeta: async (id: string) => {
        read();
        return request({
          method: 'GET',
          path: `/accounts/${enc(id)}/meta`,
          schema: UpstreamAccountMetaSchema,
          idempotent: true,
          priority,
        });
      },
      /**
       * Sets or clears the label (a raw PATCH: the SDK cannot send a string label). The form StackOne
       * took before goes first; a 400 is retried once in the other form, and the form that works is
       * remembered. Every attempt is in the answer (and in the error when both are refused).
       */
      updateAccountLabel: async (id: string, label: string | null): Promise<LabelUpdate> => {
        const first = knownLabelForm ?? 'string';
        // A clear is `null` in both forms: one attempt says all.
        const forms = label === null ? [first] : [first, otherForm(first)];
        const attempts: LabelAttempt[] = [];
        for (const form of forms) {
          try {
            const account = await patchLabel(id, form, label);
            attempts.push({ form, status: 200 });
            if (label !== null) knownLabelForm = form;
            return { account, form, attempts };
          } catch (err) {
            const status = err instanceof AppError ? (err.options.upstream?.status ?? null) : null;
            const message = err instanceof Error ? err.message : String(err);
            if (status !== null) attempts.push({ form, status, error: message });
            const refused = status === 400;
            const last = form === forms[forms.length - 1];
            if (!refused || last) {
              if (attempts.length < 2 || !(err instanceof AppError)) throw err;
              throw new AppError(
                err.code,
                refused
                  ? `StackOne refused the label in both forms it documents (${describeAttempts(attempts)}). Check what your StackOne expects for PATCH /accounts/{id} label.`
                  : `${message} (after ${describeAttempts(attempts.slice(0, -1))})`,
                err.options,
              );
            }
          }
        }
        throw new AppError('internal', 'unreachable: no label form was tried');
      },
      deleteAccount: (id: string) =>
        request({
          method: 'DELETE',
          path: `/accounts/${enc(id)}`,
          schema: UpstreamLinkedAccountSchema.transform((account): AccountDeletion => ({
            account,
            confirmedByRetry404: false,
          })),
          idempotent: true,
          goneOnRetry: () => ({ account: null, confirmedByRetry404: true }),
          priority,
        }),
      createConnectSession: (input: ConnectSessionInput) =>
        request({
          method: 'POST',
          path: '/connect_sessions',
          body: input,
          schema: UpstreamConnectSessionSchema,
          idempotent: false,
          priority,
        }),
      /**
       * One account's request logs, newest first. The account filter goes in both forms StackOne may
       * read (`account_ids`, as the SDK sends it, and `filter[account_ids]`); the caller still checks
       * each entry's `account_id`, since a server that reads neither answers every account's logs.
       */
      listRequestLogs: async (query: {
        accountId: string;
        next?: string;
        pageSize: number;
        failedOnly?: boolean;
      }): Promise<RequestLogListPage> => {
        read();
        const page = await request({
          method: 'GET',
          path: '/requests/logs',
          query: {
            account_ids: query.accountId,
            'filter[account_ids]': query.accountId,
            next: query.next,
            page_size: query.pageSize,
            order_by: 'eventDatetime',
            order_direction: 'desc',
            ...(query.failedOnly ? { success: 'false' } : {}),
          },
          schema: RequestLogListSchema,
          idempotent: true,
          priority,
        });
        logSkipped('GET /requests/logs', page.skipped);
        return page;
      },
      /** `GET /requests/logs/{id}`: one entry with its request, response and provider errors. */
      getRequestLog: async (id: string) => {
        read();
        const { data } = await request({
          method: 'GET',
          path: `/requests/logs/${enc(id)}`,
          schema: UpstreamRequestLogDetailSchema,
          idempotent: true,
          priority,
        });
        return data;
      },
      /** `GET /accounts/{id}` as StackOne sent it: only `id` is checked, every other field kept as is. */
      getAccountAsSent: async (id: string) => {
        read();
        return request({
          method: 'GET',
          path: `/accounts/${enc(id)}`,
          schema: z.looseObject({ id: z.string() }),
          idempotent: true,
          priority,
        });
      },
    };
  }

  const background = calls('background', null);
  return {
    ...background,
    /**
     * `GET /accounts`, in either envelope (a bare array or `{"data": [...]}`), record by record: a
     * record that cannot be read is left out, logged and named in `skipped`, never failing the page.
     */
    listAccounts: async (query: {
      page: number;
      pageSize: number;
      status?: string[];
      providers?: string[];
    }): Promise<AccountListPage> => {
      const page = await request({
        method: 'GET',
        path: '/accounts',
        query: {
          page: query.page,
          page_size: query.pageSize,
          status: query.status,
          providers: query.providers,
        },
        schema: AccountListSchema,
        idempotent: true,
      });
      logSkipped('GET /accounts', page.skipped);
      return page;
    },
    /** For the pickers (through a shared cache) and /api/ready: a user waits on it, so interactive. */
    listConnectors: async () => {
      const list = await request({
        method: 'GET',
        path: '/connectors/meta',
        query: { include: 'resources' },
        schema: ConnectorListSchema,
        idempotent: true,
        priority: 'interactive',
      });
      logSkipped('GET /connectors/meta', list.skipped);
      return list.items;
    },
    /** The same calls for a signed-in user: interactive priority, live reads limited per user. */
    forUser: (userId: string) => calls('interactive', userId),
    /** When StackOne's current rate limit ends (ISO), or null when it is not limiting the console. */
    rateLimitedUntil: request.rateLimitedUntil,
    /** Called with the new end (ISO) each time StackOne starts or extends a rate limit; returns the unsubscribe. */
    onRateLimited: request.onRateLimited,
    /** Ends every call and wait in progress at once with an error, and refuses new ones (shutdown). */
    close: request.close,
    /** The label form StackOne took last (null until a label was set in this process). */
    labelForm: (): LabelForm | null => knownLabelForm,
  };
}

export { LABEL_FORMS };
export type StackOneClient = ReturnType<typeof createStackOneClient>;
export type UserStackOneCalls = ReturnType<StackOneClient['forUser']>;
