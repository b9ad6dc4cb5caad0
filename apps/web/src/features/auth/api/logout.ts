// POST /auth/logout: ends the session on the BFF, then the browser follows to the identity
// provider's logout page.
import { LogoutResponseSchema, routes, type LogoutResponse } from '@app/contracts';
import { request } from '@/lib/api-client';
import { browserLocation } from '@/lib/browser-location';
import { rememberSignedOut } from '../lib/signed-out-notice';

export function logout(): Promise<LogoutResponse> {
  return request(routes.logout, LogoutResponseSchema, { method: 'POST' });
}

/** Signs out and leaves the SPA, so no page of it stays in memory with the old data. */
export async function logoutAndLeave(): Promise<void> {
  const { redirectTo } = await logout();
  rememberSignedOut();
  browserLocation.assign(redirectTo);
}
