// GET /api/team/members: one page of the organization's members, filtered, sorted or searched,
// with the organization's counts per status.
import {
  ListMembersResponseSchema,
  MEMBER_SEARCH_MIN,
  routes,
  type ListMembersResponse,
  type MemberSort,
  type MemberStatus,
} from '@app/contracts';
import { request } from '@/lib/api-client';
import { useQuery } from '@/lib/use-query';

export interface MembersQuery {
  status: MemberStatus | undefined;
  search: string;
  sort: MemberSort;
  order: 'asc' | 'desc';
  pageSize: number;
  pageToken: string | undefined;
}

export function listMembers(
  query: MembersQuery,
  signal?: AbortSignal,
): Promise<ListMembersResponse> {
  const search = query.search.trim();
  return request(routes.members, ListMembersResponseSchema, {
    query: {
      status: query.status,
      // The API searches from MEMBER_SEARCH_MIN characters on; shorter text lists everyone.
      search: search.length >= MEMBER_SEARCH_MIN ? search : undefined,
      sort: query.sort,
      order: query.order,
      pageSize: query.pageSize,
      pageToken: query.pageToken,
    },
    signal,
  });
}

export function useMembers(query: MembersQuery) {
  return useQuery(`members:${JSON.stringify(query)}`, (signal) => listMembers(query, signal));
}
