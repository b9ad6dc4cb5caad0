// POST /api/team/members/:userId/resend-invite: sends a fresh invitation email.
import { MemberResponseSchema, routes, type Member } from '@app/contracts';
import { request } from '@/lib/api-client';

export async function resendInvite(userId: string): Promise<Member> {
  const { member } = await request(routes.resendInvite(userId), MemberResponseSchema, {
    method: 'POST',
  });
  return member;
}
