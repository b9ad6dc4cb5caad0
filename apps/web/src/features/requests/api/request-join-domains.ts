// GET, POST and DELETE /api/requests/join-domains: the domains whose people may ask to join.
import {
  AddRequestJoinDomainBodySchema,
  RequestJoinDomainsResponseSchema,
  routes,
  type RequestJoinDomainsResponse,
} from '@app/contracts';
import { request } from '@/lib/api-client';
import { useQuery } from '@/lib/use-query';

export function useRequestJoinDomains() {
  return useQuery('request-join-domains', (signal) =>
    request(routes.requestJoinDomains, RequestJoinDomainsResponseSchema, { signal }),
  );
}

export function addRequestJoinDomain(domain: string): Promise<RequestJoinDomainsResponse> {
  return request(routes.requestJoinDomains, RequestJoinDomainsResponseSchema, {
    method: 'POST',
    json: AddRequestJoinDomainBodySchema.parse({ domain }),
  });
}

export function removeRequestJoinDomain(domain: string): Promise<RequestJoinDomainsResponse> {
  return request(routes.requestJoinDomain(domain), RequestJoinDomainsResponseSchema, {
    method: 'DELETE',
  });
}
