// DELETE /api/team/members/:userId: revokes a pending invitation or removes a member.
import { RemoveMemberResponseSchema, routes, type RemoveMemberResponse } from '@app/contracts';
import { request } from '@/lib/api-client';

export function removeMember(
  userId: string,
  { keepalive = false }: { keepalive?: boolean } = {},
): Promise<RemoveMemberResponse> {
  return request(routes.member(userId), RemoveMemberResponseSchema, {
    method: 'DELETE',
    keepalive,
  });
}
