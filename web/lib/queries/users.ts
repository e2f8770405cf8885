import { queryOptions, type QueryClient } from '@tanstack/react-query';
import type { CreateUserRequest, UpdateUserRequest, User, UserList } from '../../../shared/schemas/users.ts';
import { api, unwrap } from '../api-client.ts';

export const userKeys = {
  all: ['users'] as const,
  list: () => [...userKeys.all, 'list'] as const,
};

export const userQueries = {
  list: () =>
    queryOptions({
      queryKey: userKeys.list(),
      queryFn: ({ signal }): Promise<UserList> => unwrap(api.users.$get(undefined, { init: { signal } })),
    }),
};

export function createUser(input: CreateUserRequest): Promise<User> {
  return unwrap(api.users.$post({ json: input }));
}

export function updateUser(id: string, patch: UpdateUserRequest): Promise<User> {
  return unwrap(api.users[':id'].$patch({ param: { id }, json: patch }));
}

/** Puts the server's answer for one user into the cached list, then refetches it to be sure. */
export async function storeUser(queryClient: QueryClient, user: User): Promise<void> {
  queryClient.setQueryData<UserList>(userKeys.list(), (list) =>
    list ? { items: list.items.map((u) => (u.id === user.id ? user : u)) } : list,
  );
  await queryClient.invalidateQueries({ queryKey: userKeys.list() });
}
