// Asking to join while signed out: POST /api/join-requests emails a link proving the address;
// following it confirms the request (POST .../confirm, once); the status link reads where the
// requests stand (GET .../status).
import {
  AskToJoinBodySchema,
  AskToJoinResponseSchema,
  JoinRequestStatusResponseSchema,
  routes,
  type JoinRequestStatusResponse,
} from '@app/contracts';
import { request } from '@/lib/api-client';

export async function askToJoin(email: string): Promise<string> {
  const answer = await request(routes.joinRequests, AskToJoinResponseSchema, {
    method: 'POST',
    json: AskToJoinBodySchema.parse({ email }),
  });
  return answer.message;
}

export function confirmJoinRequest(token: string): Promise<JoinRequestStatusResponse> {
  return request(routes.joinRequestConfirm, JoinRequestStatusResponseSchema, {
    method: 'POST',
    json: { token },
  });
}

export function getJoinRequestStatus(
  token: string,
  signal?: AbortSignal,
): Promise<JoinRequestStatusResponse> {
  return request(routes.joinRequestStatus, JoinRequestStatusResponseSchema, {
    query: { token },
    signal,
  });
}
