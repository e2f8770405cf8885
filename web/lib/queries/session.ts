import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import {
  MeSchema,
  SetupStatusSchema,
  type SetupRequest,
  type SignInRequest,
} from '../../../shared/schemas/users.ts';
import { requestJson } from '../api-client.ts';

export const sessionKeys = {
  all: ['session'] as const,
  me: () => [...sessionKeys.all, 'me'] as const,
  setup: () => [...sessionKeys.all, 'setup'] as const,
};

export const sessionQueries = {
  me: () =>
    queryOptions({
      queryKey: sessionKeys.me(),
      queryFn: ({ signal }) => requestJson('/me', MeSchema, { signal }),
      staleTime: 60_000,
      retry: false,
      meta: { handlesUnauthenticated: true },
    }),
  setup: () =>
    queryOptions({
      queryKey: sessionKeys.setup(),
      queryFn: ({ signal }) => requestJson('/setup', SetupStatusSchema, { signal }),
      staleTime: 5 * 60_000,
      retry: false,
    }),
};

// better-auth answers sign-in/out with its own bodies; only success matters here.
const AnyBodySchema = z.unknown();

export const signIn = (input: SignInRequest) =>
  requestJson('/auth/sign-in/email', AnyBodySchema, { method: 'POST', json: input });

export const signOut = () => requestJson('/auth/sign-out', AnyBodySchema, { method: 'POST', json: {} });

export const setUp = (input: SetupRequest) =>
  requestJson('/setup', AnyBodySchema, { method: 'POST', json: input });
