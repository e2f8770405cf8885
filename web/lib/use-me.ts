import { useQuery } from '@tanstack/react-query';
import type { Permission } from '../../shared/permissions.ts';
import type { Me } from '../../shared/schemas/users.ts';
import { sessionQueries } from './queries/session.ts';

/** The signed-in user; loaded by the `_app` layout before any signed-in screen renders. */
export function useMe(): Me | undefined {
  return useQuery(sessionQueries.me()).data;
}

/** Whether the signed-in user may do something. The server enforces; this only hides. */
export function useCan(permission: Permission): boolean {
  return useMe()?.permissions.includes(permission) ?? false;
}

/** A `can(permission)` function for filtering lists of actions. */
export function usePermissions(): (permission: Permission | undefined) => boolean {
  const permissions = useMe()?.permissions;
  return (permission) => permission === undefined || (permissions?.includes(permission) ?? false);
}
