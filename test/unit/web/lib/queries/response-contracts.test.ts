import type { ClientResponse } from 'hono/client';
import { describe, expectTypeOf, it } from 'vitest';
import type { AccountListResponse } from '../../../../../shared/schemas/account-filters.ts';
import type { AccountDetail } from '../../../../../shared/schemas/account-detail.ts';
import type { AuditPage } from '../../../../../shared/schemas/audit.ts';
import type { Connector } from '../../../../../shared/schemas/connector.ts';
import type { RequestLogPage } from '../../../../../shared/schemas/request-log.ts';
import type { Me, User } from '../../../../../shared/schemas/users.ts';
import type { api } from '../../../../../web/lib/api-client.ts';
import type { accountQueries } from '../../../../../web/lib/queries/accounts.ts';
import type { auditQueries } from '../../../../../web/lib/queries/audit.ts';
import type { connectorQueries } from '../../../../../web/lib/queries/connectors.ts';
import type { sessionQueries } from '../../../../../web/lib/queries/session.ts';
import type { userQueries } from '../../../../../web/lib/queries/users.ts';

// Checked by `tsc` (npm run typecheck), not at run time: the web's cached data has the shared
// schema's type, and what the server's route answers (through hc<AppType>) must fit it.

/** What a query function resolves to (one page, for an infinite query). */
type Data<Options> = Options extends { queryFn?: infer F }
  ? F extends (...args: never[]) => infer R
    ? Awaited<R>
    : never
  : never;

/** The success body of a typed client call. */
type ServerBody<Call> = Call extends (...args: never[]) => Promise<infer R>
  ? R extends ClientResponse<infer T, 200, 'json'>
    ? T
    : never
  : never;

describe('web response contracts', () => {
  it('caches every list and read as its shared schema type', () => {
    expectTypeOf<Data<ReturnType<typeof accountQueries.list>>>().toEqualTypeOf<AccountListResponse>();
    expectTypeOf<Data<ReturnType<typeof accountQueries.detail>>>().toEqualTypeOf<AccountDetail>();
    expectTypeOf<Data<ReturnType<typeof accountQueries.logs>>>().toEqualTypeOf<RequestLogPage>();
    expectTypeOf<Data<ReturnType<typeof auditQueries.list>>>().toEqualTypeOf<AuditPage>();
    expectTypeOf<Data<ReturnType<typeof userQueries.list>>>().toEqualTypeOf<{ items: User[] }>();
    expectTypeOf<Data<ReturnType<typeof connectorQueries.list>>>().toEqualTypeOf<{ items: Connector[] }>();
    expectTypeOf<Data<ReturnType<typeof sessionQueries.me>>>().toEqualTypeOf<Me>();
  });

  it('accepts what the server answers as the shared schema type', () => {
    expectTypeOf<ServerBody<typeof api.accounts.$get>>().toExtend<AccountListResponse>();
    expectTypeOf<ServerBody<(typeof api.accounts)[':id']['$get']>>().toExtend<AccountDetail>();
    expectTypeOf<ServerBody<(typeof api.accounts)[':id']['logs']['$get']>>().toExtend<RequestLogPage>();
    expectTypeOf<ServerBody<typeof api.audit.$get>>().toExtend<AuditPage>();
    expectTypeOf<ServerBody<typeof api.users.$get>>().toExtend<{ items: User[] }>();
    expectTypeOf<ServerBody<typeof api.connectors.$get>>().toExtend<{ items: Connector[] }>();
    expectTypeOf<ServerBody<typeof api.me.$get>>().toExtend<Me>();
  });
});
