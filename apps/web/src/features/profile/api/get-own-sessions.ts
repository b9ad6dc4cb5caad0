// GET /api/profile/sessions: the signed-in person's sessions on every device, this one marked.
import { OwnSessionsResponseSchema, routes, type OwnSession } from '@app/contracts';
import { request } from '@/lib/api-client';
import { useQuery } from '@/lib/use-query';

export async function getOwnSessions(signal?: AbortSignal): Promise<OwnSession[]> {
  const { sessions } = await request(routes.ownSessions, OwnSessionsResponseSchema, { signal });
  return sessions;
}

export function useOwnSessions() {
  return useQuery('own-sessions', getOwnSessions);
}
