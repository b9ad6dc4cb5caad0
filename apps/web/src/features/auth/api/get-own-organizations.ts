// GET /api/profile/organizations: where the signed-in person may switch to (and invitations).
import { OwnOrganizationsResponseSchema, routes, type OwnOrganization } from '@app/contracts';
import { request } from '@/lib/api-client';
import { useQuery } from '@/lib/use-query';

export async function getOwnOrganizations(signal?: AbortSignal): Promise<OwnOrganization[]> {
  const answer = await request(routes.ownOrganizations, OwnOrganizationsResponseSchema, {
    signal,
  });
  return answer.organizations;
}

export function useOwnOrganizations() {
  return useQuery('own-organizations', getOwnOrganizations);
}
