// DELETE /api/profile/sessions/:id: signs out one of the person's sessions (here and at Scalekit).
import {
  routes,
  SignOutSessionsResponseSchema,
  type SignOutSessionsResponse,
} from '@app/contracts';
import { request } from '@/lib/api-client';

export function signOutSession(sessionId: string): Promise<SignOutSessionsResponse> {
  return request(routes.ownSession(sessionId), SignOutSessionsResponseSchema, {
    method: 'DELETE',
  });
}
