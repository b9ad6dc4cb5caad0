// GET /api/audit?member=<userId>: the newest audit entries about one member (admins only).
import { ListAuditResponseSchema, routes, type ListAuditResponse } from '@app/contracts';
import { request } from '@/lib/api-client';
import { useQuery } from '@/lib/use-query';

/** Entries shown in the details panel; the Activity page has the rest. */
export const MEMBER_HISTORY_SIZE = 20;

export function listMemberHistory(
  userId: string,
  signal?: AbortSignal,
): Promise<ListAuditResponse> {
  return request(routes.audit, ListAuditResponseSchema, {
    query: { member: userId, pageSize: MEMBER_HISTORY_SIZE },
    signal,
  });
}

export function useMemberHistory(userId: string) {
  return useQuery(`member-history:${userId}`, (signal) => listMemberHistory(userId, signal));
}
