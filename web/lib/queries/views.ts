import { queryOptions, type QueryClient } from '@tanstack/react-query';
import type {
  SavedView,
  SavedViewCreate,
  SavedViewList,
  SavedViewPatch,
} from '../../../shared/schemas/saved-views.ts';
import { api, unwrap } from '../api-client.ts';

export const viewKeys = {
  all: ['views'] as const,
  list: () => [...viewKeys.all, 'list'] as const,
};

export const viewQueries = {
  /** The user's own views and every shared one. */
  list: () =>
    queryOptions({
      queryKey: viewKeys.list(),
      queryFn: ({ signal }): Promise<SavedViewList> => unwrap(api.views.$get({}, { init: { signal } })),
      staleTime: 30_000,
    }),
};

export const createView = (input: SavedViewCreate): Promise<SavedView> =>
  unwrap(api.views.$post({ json: input }));

export const updateView = (id: string, patch: SavedViewPatch): Promise<SavedView> =>
  unwrap(api.views[':id'].$patch({ param: { id }, json: patch }));

export const deleteView = (id: string): Promise<SavedView> =>
  unwrap(api.views[':id'].$delete({ param: { id } }));

export const invalidateViews = (queryClient: QueryClient) =>
  queryClient.invalidateQueries({ queryKey: viewKeys.all });
