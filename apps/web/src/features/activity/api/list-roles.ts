// GET /api/team/roles: the organization's roles, for their display names in the log's sentences.
import { ListRolesResponseSchema, routes, type ListRolesResponse } from '@app/contracts';
import { request } from '@/lib/api-client';
import { useQuery } from '@/lib/use-query';

export function useRoleNames() {
  return useQuery('activity-roles', (signal): Promise<ListRolesResponse> =>
    request(routes.roles, ListRolesResponseSchema, { signal }),
  );
}
