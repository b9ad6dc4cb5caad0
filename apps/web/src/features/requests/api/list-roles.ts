// GET /api/team/roles: the roles an approval may grant.
import { ListRolesResponseSchema, routes } from '@app/contracts';
import { request } from '@/lib/api-client';
import { useQuery } from '@/lib/use-query';

export function useGrantableRoles(enabled: boolean) {
  return useQuery('roles', (signal) => request(routes.roles, ListRolesResponseSchema, { signal }), {
    enabled,
  });
}
