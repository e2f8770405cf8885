import { queryOptions } from '@tanstack/react-query';
import type { DoctorReport } from '../../../shared/schemas/doctor.ts';
import { api, unwrap } from '../api-client.ts';

export const settingsKeys = {
  all: ['settings'] as const,
  stackOneDoctor: () => [...settingsKeys.all, 'stackone', 'doctor'] as const,
};

export const settingsQueries = {
  /** Each run costs a dozen StackOne calls: only on opening the page and on "Run again". */
  stackOneDoctor: () =>
    queryOptions({
      queryKey: settingsKeys.stackOneDoctor(),
      queryFn: ({ signal }): Promise<DoctorReport> =>
        unwrap(api.settings.stackone.doctor.$get(undefined, { init: { signal } })),
      staleTime: Infinity,
      gcTime: 0,
      refetchOnWindowFocus: false,
      retry: false,
    }),
};
