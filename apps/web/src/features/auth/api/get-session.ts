// GET /api/session: the signed-in user, organization and roles (401 when signed out).
import { routes, SessionResponseSchema, type SessionResponse } from '@app/contracts';
import { request } from '@/lib/api-client';
import { takePrefetchedSession } from '@/lib/session-prefetch';
import { useQuery } from '@/lib/use-query';

export function getSession(signal?: AbortSignal): Promise<SessionResponse> {
  return request(routes.session, SessionResponseSchema, {
    signal,
    prefetched: takePrefetchedSession(),
  });
}

export function useSession() {
  return useQuery('session', getSession);
}
