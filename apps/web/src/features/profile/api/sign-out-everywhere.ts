// POST /api/profile/sessions/sign-out-everywhere: ends every session of the person, this one too.
import {
  routes,
  SignOutSessionsResponseSchema,
  type SignOutSessionsResponse,
} from '@app/contracts';
import { request } from '@/lib/api-client';

export function signOutEverywhere(): Promise<SignOutSessionsResponse> {
  return request(routes.signOutEverywhere, SignOutSessionsResponseSchema, { method: 'POST' });
}
