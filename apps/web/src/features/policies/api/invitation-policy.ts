// GET and PUT /api/team/invitation-policy: whom invitations may go to (admins only).
import {
  InvitationPolicyResponseSchema,
  routes,
  UpdateInvitationPolicyBodySchema,
  type InvitationPolicyResponse,
  type UpdateInvitationPolicyBody,
} from '@app/contracts';
import { request } from '@/lib/api-client';
import { useQuery } from '@/lib/use-query';

export function getInvitationPolicy(signal?: AbortSignal): Promise<InvitationPolicyResponse> {
  return request(routes.invitationPolicy, InvitationPolicyResponseSchema, { signal });
}

export function useInvitationPolicy() {
  return useQuery('invitation-policy', getInvitationPolicy);
}

export function updateInvitationPolicy(
  body: UpdateInvitationPolicyBody,
): Promise<InvitationPolicyResponse> {
  return request(routes.invitationPolicy, InvitationPolicyResponseSchema, {
    method: 'PUT',
    json: UpdateInvitationPolicyBodySchema.parse(body),
  });
}
