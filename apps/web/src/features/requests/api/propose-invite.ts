// POST /api/requests: proposes someone to invite; an admin decides.
import {
  AccessRequestResponseSchema,
  ProposeInviteBodySchema,
  routes,
  type AccessRequest,
  type ProposeInviteBody,
} from '@app/contracts';
import { request } from '@/lib/api-client';

export async function proposeInvite(body: ProposeInviteBody): Promise<AccessRequest> {
  const answer = await request(routes.requests, AccessRequestResponseSchema, {
    method: 'POST',
    json: ProposeInviteBodySchema.parse(body),
  });
  return answer.request;
}
