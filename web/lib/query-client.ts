import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { toApiError } from './api-error.ts';
import { toastApiError } from './toast-api-error.ts';

declare module '@tanstack/react-query' {
  interface Register {
    queryMeta: QueryMeta;
    mutationMeta: QueryMeta;
  }
}

interface QueryMeta extends Record<string, unknown> {
  /** The caller handles a 401 itself (the session query, sign-in) instead of the global redirect. */
  handlesUnauthenticated?: boolean;
  /** No toast when a background refetch fails. */
  silent?: boolean;
}

export interface QueryClientHandlers {
  /** Called on any 401: the app sends the user to `/login?redirect=…`. */
  onUnauthenticated: () => void;
}

export function createQueryClient(handlers: QueryClientHandlers): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError(err, query) {
        const error = toApiError(err);
        if (error.isUnauthenticated) {
          if (!query.meta?.handlesUnauthenticated) handlers.onUnauthenticated();
          return;
        }
        // A first load shows its own error state; only a failed refresh of data on screen toasts.
        if (query.state.data !== undefined && !query.meta?.silent) toastApiError(error);
      },
    }),
    mutationCache: new MutationCache({
      onError(err, _variables, _context, mutation) {
        if (toApiError(err).isUnauthenticated && !mutation.meta?.handlesUnauthenticated) {
          handlers.onUnauthenticated();
        }
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        // The server already retries StackOne; retrying here only delays the error. A lost
        // connection is worth one more try.
        retry: (failureCount, err) => failureCount < 1 && toApiError(err).isNetworkError,
      },
      mutations: { retry: false },
    },
  });
}
