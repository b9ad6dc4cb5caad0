// GET /api/requests: the approval inbox (admins) or the caller's own proposals (members).
import {
  ListAccessRequestsResponseSchema,
  routes,
  type ListAccessRequestsQuery,
  type ListAccessRequestsResponse,
} from '@app/contracts';
import { request } from '@/lib/api-client';
import { useQuery } from '@/lib/use-query';

export function listRequests(
  status: ListAccessRequestsQuery['status'],
  signal?: AbortSignal,
): Promise<ListAccessRequestsResponse> {
  return request(routes.requests, ListAccessRequestsResponseSchema, {
    query: { status },
    signal,
  });
}

export function useRequests(status: ListAccessRequestsQuery['status']) {
  return useQuery(`requests:${status}`, (signal) => listRequests(status, signal));
}
