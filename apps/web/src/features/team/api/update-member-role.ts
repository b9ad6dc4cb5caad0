// PATCH /api/team/members/:userId: gives a member another role.
import { MemberResponseSchema, routes, UpdateMemberBodySchema, type Member } from '@app/contracts';
import { request } from '@/lib/api-client';

export async function updateMemberRole(userId: string, role: string): Promise<Member> {
  const { member } = await request(routes.member(userId), MemberResponseSchema, {
    method: 'PATCH',
    json: UpdateMemberBodySchema.parse({ role }),
  });
  return member;
}
