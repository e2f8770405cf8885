import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import type { Me, SetupRequest, SetupStatus, SignInRequest } from '../../../shared/schemas/users.ts';
import { api, requestJson, unwrap } from '../api-client.ts';

export const sessionKeys = {
  all: ['session'] as const,
  me: () => [...sessionKeys.all, 'me'] as const,
  setup: () => [...sessionKeys.all, 'setup'] as const,
};

export const sessionQueries = {
  me: () =>
    queryOptions({
      queryKey: sessionKeys.me(),
      queryFn: ({ signal }): Promise<Me> => unwrap(api.me.$get(undefined, { init: { signal } })),
      staleTime: 60_000,
      retry: false,
      meta: { handlesUnauthenticated: true },
    }),
  setup: () =>
    queryOptions({
      queryKey: sessionKeys.setup(),
      queryFn: ({ signal }): Promise<SetupStatus> => unwrap(api.setup.$get(undefined, { init: { signal } })),
      staleTime: 5 * 60_000,
      retry: false,
    }),
};

// The sign-in route hands the raw request to better-auth, so it has no typed input; only success matters.
export const signIn = (input: SignInRequest) =>
  requestJson('/auth/sign-in/email', z.unknown(), { method: 'POST', json: input });

// better-auth only clears the session for a JSON request, hence the empty JSON body.
export const signOut = () => requestJson('/auth/sign-out', z.unknown(), { method: 'POST', json: {} });

export const setUp = (input: SetupRequest) => unwrap(api.setup.$post({ json: input }));
