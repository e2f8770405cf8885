import { queryOptions } from '@tanstack/react-query';
import type { BreakAccountRequest, InjectFaultRequest } from '../../../shared/schemas/sandbox-demo.ts';
import { api, unwrap } from '../api-client.ts';

export const sandboxKeys = { all: ['sandbox'] as const };

export const sandboxQueries = {
  // Whether the console runs on the sandbox does not change while it runs.
  info: () =>
    queryOptions({
      queryKey: sandboxKeys.all,
      queryFn: ({ signal }) => unwrap(api.sandbox.$get({}, { init: { signal } })),
      staleTime: Infinity,
    }),
};

export const breakSandboxAccount = (id: string, json: BreakAccountRequest) =>
  unwrap(api.sandbox.accounts[':id'].break.$post({ param: { id }, json }));

export const injectSandboxFault = (json: InjectFaultRequest) => unwrap(api.sandbox.faults.$post({ json }));

export const clearSandboxFaults = () => unwrap(api.sandbox.faults.$delete());
