import { queryOptions } from '@tanstack/react-query';
import {
  SignInMethodsSchema,
  SsoSettingsSchema,
  SsoStartSchema,
  SsoStatusSchema,
} from '../../../shared/schemas/sign-in-methods.ts';
import { requestJson } from '../api-client.ts';

export const signInMethodKeys = {
  all: ['sign-in-methods'] as const,
  methods: () => [...signInMethodKeys.all, 'methods'] as const,
  ssoStatus: () => [...signInMethodKeys.all, 'sso-status'] as const,
  ssoSettings: () => [...signInMethodKeys.all, 'sso-settings'] as const,
};

export const signInMethodQueries = {
  methods: () =>
    queryOptions({
      queryKey: signInMethodKeys.methods(),
      queryFn: ({ signal }) => requestJson('/auth/methods', SignInMethodsSchema, { signal }),
      staleTime: 5 * 60_000,
      retry: false,
    }),
  ssoStatus: () =>
    queryOptions({
      queryKey: signInMethodKeys.ssoStatus(),
      queryFn: ({ signal }) => requestJson('/auth/sso/status', SsoStatusSchema, { signal }),
      retry: false,
    }),
  ssoSettings: () =>
    queryOptions({
      queryKey: signInMethodKeys.ssoSettings(),
      queryFn: ({ signal }) => requestJson('/auth/sso/settings', SsoSettingsSchema, { signal }),
      staleTime: 60_000,
    }),
};

/** Starts a sign-in at the IdP: the URL the browser goes to next. */
export const startSso = (redirect: string | undefined) =>
  requestJson('/auth/sso', SsoStartSchema, { method: 'POST', json: { redirect } });
