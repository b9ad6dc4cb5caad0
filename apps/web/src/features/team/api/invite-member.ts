// POST /api/team/invitations: invites one person; answers the new pending member.
import {
  InviteMemberBodySchema,
  MemberResponseSchema,
  routes,
  type InviteMemberBody,
  type Member,
} from '@app/contracts';
import { request } from '@/lib/api-client';

export async function inviteMember(body: InviteMemberBody): Promise<Member> {
  const { member } = await request(routes.invitations, MemberResponseSchema, {
    method: 'POST',
    json: InviteMemberBodySchema.parse(body),
  });
  return member;
}
