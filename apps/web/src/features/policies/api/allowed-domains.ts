// GET, POST and DELETE /api/team/allowed-domains: the organization's allowed email domains
// (admins only). People on them may join from the sign-in organization picker.
import {
  AddAllowedDomainBodySchema,
  AllowedDomainResponseSchema,
  ListAllowedDomainsResponseSchema,
  routes,
  type AllowedDomain,
} from '@app/contracts';
import { request } from '@/lib/api-client';
import { useQuery } from '@/lib/use-query';

export async function listAllowedDomains(signal?: AbortSignal): Promise<AllowedDomain[]> {
  return (await request(routes.allowedDomains, ListAllowedDomainsResponseSchema, { signal }))
    .domains;
}

export function useAllowedDomains() {
  return useQuery('allowed-domains', listAllowedDomains);
}

export async function addAllowedDomain(domain: string): Promise<AllowedDomain> {
  const answer = await request(routes.allowedDomains, AllowedDomainResponseSchema, {
    method: 'POST',
    json: AddAllowedDomainBodySchema.parse({ domain }),
  });
  return answer.domain;
}

export async function removeAllowedDomain(domainId: string): Promise<AllowedDomain> {
  const answer = await request(routes.allowedDomain(domainId), AllowedDomainResponseSchema, {
    method: 'DELETE',
  });
  return answer.domain;
}
