// GET /api/team/roles: the roles an admin can give.
import { ListRolesResponseSchema, routes, type ListRolesResponse } from '@app/contracts';
import { request } from '@/lib/api-client';
import { useQuery } from '@/lib/use-query';

export function listRoles(signal?: AbortSignal): Promise<ListRolesResponse> {
  return request(routes.roles, ListRolesResponseSchema, { signal });
}

/** Only admins need the roles (to give them); members never ask. */
export function useRoles(enabled: boolean) {
  return useQuery('roles', listRoles, { enabled });
}
